ALTER TABLE "stay_guests" ADD COLUMN "summary_email" text;--> statement-breakpoint
ALTER TABLE "stay_guests" ADD COLUMN "summary_opted_in_at" timestamp with time zone;