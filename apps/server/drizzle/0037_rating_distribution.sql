ALTER TABLE "metrics_daily" ADD COLUMN "ratings_one_star" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "ratings_two_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "ratings_three_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "ratings_four_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "ratings_five_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "ratings_one_star" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "ratings_two_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "ratings_three_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "ratings_four_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "ratings_five_stars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_rated_idx" ON "conversations" USING btree ("org_id","rated_at","id") WHERE "conversations"."rated_at" is not null;