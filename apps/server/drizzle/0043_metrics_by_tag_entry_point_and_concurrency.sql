CREATE TABLE "metrics_agents" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrics_dimension_daily" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"value" text NOT NULL,
	"team_id" uuid,
	"agent_id" uuid,
	"opened" integer DEFAULT 0 NOT NULL,
	"first_responses" integer DEFAULT 0 NOT NULL,
	"first_response_ms" bigint DEFAULT 0 NOT NULL,
	"responses" integer DEFAULT 0 NOT NULL,
	"response_ms" bigint DEFAULT 0 NOT NULL,
	"resolutions" integer DEFAULT 0 NOT NULL,
	"resolution_ms" bigint DEFAULT 0 NOT NULL,
	"resolved_conversations" integer DEFAULT 0 NOT NULL,
	"reopens" integer DEFAULT 0 NOT NULL,
	"first_contact_resolutions" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"ratings_four_or_five" integer DEFAULT 0 NOT NULL,
	"ratings_one_star" integer DEFAULT 0 NOT NULL,
	"ratings_two_stars" integer DEFAULT 0 NOT NULL,
	"ratings_three_stars" integer DEFAULT 0 NOT NULL,
	"ratings_four_stars" integer DEFAULT 0 NOT NULL,
	"ratings_five_stars" integer DEFAULT 0 NOT NULL,
	"sla_breaches" integer DEFAULT 0 NOT NULL,
	"leads_created" integer DEFAULT 0 NOT NULL,
	"leads_converted" integer DEFAULT 0 NOT NULL,
	"concurrent_ms" bigint DEFAULT 0 NOT NULL,
	"busy_ms" bigint DEFAULT 0 NOT NULL,
	"peak_concurrent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_dimension_daily_key" UNIQUE NULLS NOT DISTINCT("org_id","kind","day","value","team_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "metrics_dimension_hourly" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"value" text NOT NULL,
	"team_id" uuid,
	"agent_id" uuid,
	"opened" integer DEFAULT 0 NOT NULL,
	"first_responses" integer DEFAULT 0 NOT NULL,
	"first_response_ms" bigint DEFAULT 0 NOT NULL,
	"responses" integer DEFAULT 0 NOT NULL,
	"response_ms" bigint DEFAULT 0 NOT NULL,
	"resolutions" integer DEFAULT 0 NOT NULL,
	"resolution_ms" bigint DEFAULT 0 NOT NULL,
	"resolved_conversations" integer DEFAULT 0 NOT NULL,
	"reopens" integer DEFAULT 0 NOT NULL,
	"first_contact_resolutions" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"ratings_four_or_five" integer DEFAULT 0 NOT NULL,
	"ratings_one_star" integer DEFAULT 0 NOT NULL,
	"ratings_two_stars" integer DEFAULT 0 NOT NULL,
	"ratings_three_stars" integer DEFAULT 0 NOT NULL,
	"ratings_four_stars" integer DEFAULT 0 NOT NULL,
	"ratings_five_stars" integer DEFAULT 0 NOT NULL,
	"sla_breaches" integer DEFAULT 0 NOT NULL,
	"leads_created" integer DEFAULT 0 NOT NULL,
	"leads_converted" integer DEFAULT 0 NOT NULL,
	"concurrent_ms" bigint DEFAULT 0 NOT NULL,
	"busy_ms" bigint DEFAULT 0 NOT NULL,
	"peak_concurrent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_dimension_hourly_key" UNIQUE NULLS NOT DISTINCT("org_id","kind","bucket","value","team_id","agent_id")
);
--> statement-breakpoint
ALTER TABLE "metrics_conversations" ADD COLUMN "entry_point" text;--> statement-breakpoint
ALTER TABLE "metrics_conversations" ADD COLUMN "holder_id" uuid;--> statement-breakpoint
ALTER TABLE "metrics_conversations" ADD COLUMN "tag_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_conversations" ADD COLUMN "fcr_tag_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "concurrent_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "busy_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "peak_concurrent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "concurrent_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "busy_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "peak_concurrent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_agents" ADD CONSTRAINT "metrics_agents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD CONSTRAINT "metrics_dimension_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD CONSTRAINT "metrics_dimension_hourly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metrics_agents_org_idx" ON "metrics_agents" USING btree ("org_id");