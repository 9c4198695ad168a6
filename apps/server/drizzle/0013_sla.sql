CREATE TABLE "sla_breaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"team_id" uuid,
	"kind" text NOT NULL,
	"target_minutes" integer NOT NULL,
	"waiting_since" timestamp with time zone NOT NULL,
	"breached_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "awaiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_escalated_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "first_response_minutes" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "next_response_minutes" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "duty_manager_id" uuid;--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_breaches_org_idx" ON "sla_breaches" USING btree ("org_id","breached_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_breaches_wait_key" ON "sla_breaches" USING btree ("conversation_id","waiting_since");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_duty_manager_id_users_id_fk" FOREIGN KEY ("duty_manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_awaiting_idx" ON "conversations" USING btree ("awaiting_since") WHERE awaiting_since is not null;