CREATE TABLE "domain_events" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"xid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"org_id" uuid,
	"stream" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_consumers" (
	"name" text PRIMARY KEY NOT NULL,
	"cursor_xid" bigint NOT NULL,
	"cursor_source" integer DEFAULT -1 NOT NULL,
	"cursor_stream" text DEFAULT '' NOT NULL,
	"cursor_position" bigint DEFAULT -1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_failed_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_run_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "parked_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"org_id" uuid,
	"stream" text NOT NULL,
	"event" jsonb NOT NULL,
	"attempts" integer NOT NULL,
	"error" text NOT NULL,
	"parked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- existing messages get 0 (older than any consumer's cursor) without rewriting the table; new ones their transaction's id
ALTER TABLE "messages" ADD COLUMN "xid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "xid" SET DEFAULT (pg_current_xact_id()::text::bigint);--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parked_events" ADD CONSTRAINT "parked_events_consumer_event_consumers_name_fk" FOREIGN KEY ("consumer") REFERENCES "public"."event_consumers"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "domain_events_id_key" ON "domain_events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "domain_events_xid_idx" ON "domain_events" USING btree ("xid","position");--> statement-breakpoint
CREATE UNIQUE INDEX "parked_events_key" ON "parked_events" USING btree ("consumer","event_id");--> statement-breakpoint
CREATE INDEX "messages_xid_idx" ON "messages" USING brin ("xid");