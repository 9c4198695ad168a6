ALTER TABLE "conversations" ADD COLUMN "assigned_by" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "picked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "assignment_mode" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_assignee_open_idx" ON "conversations" USING btree ("assignee_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "conversations_team_queued_idx" ON "conversations" USING btree ("team_id") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "conversations_team_picked_idx" ON "conversations" USING btree ("team_id","picked_at") WHERE picked_at is not null;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_assignment_mode_check" CHECK ("teams"."assignment_mode" in ('manual', 'round_robin', 'least_busy'));