ALTER TABLE "organizations" ADD COLUMN "work_reminder_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "reminded_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "overdue_for" timestamp with time zone;