ALTER TABLE "teams" ADD COLUMN "weekly_hours" jsonb;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "holidays" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "away_message" text;