CREATE TABLE "metrics_conversations" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"opened_at" timestamp with time zone,
	"first_guest_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"awaiting_since" timestamp with time zone,
	"round_started_at" timestamp with time zone,
	"resolutions" integer DEFAULT 0 NOT NULL,
	"last_resolver_id" uuid,
	"involved" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"fcr_at" timestamp with time zone,
	"fcr_team_id" uuid,
	"fcr_agent_id" uuid,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"applied" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrics_daily" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	"sla_breaches" integer DEFAULT 0 NOT NULL,
	"leads_created" integer DEFAULT 0 NOT NULL,
	"leads_converted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_daily_key" UNIQUE NULLS NOT DISTINCT("org_id","day","team_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "metrics_hourly" (
	"org_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
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
	"sla_breaches" integer DEFAULT 0 NOT NULL,
	"leads_created" integer DEFAULT 0 NOT NULL,
	"leads_converted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metrics_hourly_key" UNIQUE NULLS NOT DISTINCT("org_id","bucket","team_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "metrics_leads" (
	"lead_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"applied" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "metrics_conversations" ADD CONSTRAINT "metrics_conversations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD CONSTRAINT "metrics_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD CONSTRAINT "metrics_hourly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics_leads" ADD CONSTRAINT "metrics_leads_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metrics_conversations_org_idx" ON "metrics_conversations" USING btree ("org_id");