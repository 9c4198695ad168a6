DROP INDEX "conversations_assignee_open_idx";--> statement-breakpoint
DROP INDEX "conversations_team_queued_idx";--> statement-breakpoint
DROP INDEX "conversations_awaiting_idx";--> statement-breakpoint
DROP INDEX "conversations_team_picked_idx";