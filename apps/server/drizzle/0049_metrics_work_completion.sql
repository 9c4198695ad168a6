CREATE TABLE "metrics_work_items" (
	"work_item_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone,
	"team_id" uuid,
	"assignee_id" uuid,
	"entry_point" text,
	"completed_at" timestamp with time zone,
	"applied" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "work_completed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "work_completion_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "work_with_deadline" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "work_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "work_completed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "work_completion_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "work_with_deadline" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "work_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "work_completed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "work_completion_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "work_with_deadline" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "work_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "work_completed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "work_completion_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "work_with_deadline" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "work_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_work_items" ADD CONSTRAINT "metrics_work_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metrics_work_items_org_idx" ON "metrics_work_items" USING btree ("org_id");