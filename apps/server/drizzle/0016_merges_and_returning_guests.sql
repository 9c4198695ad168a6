CREATE TABLE "conversation_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"absorbed_id" uuid NOT NULL,
	"first_moved_seq" integer NOT NULL,
	"moved_messages" integer NOT NULL,
	"survivor_before" jsonb NOT NULL,
	"absorbed_before" jsonb NOT NULL,
	"merged_by" uuid,
	"merged_by_name" text,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_merges" ADD CONSTRAINT "conversation_merges_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_merges" ADD CONSTRAINT "conversation_merges_survivor_id_conversations_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_merges" ADD CONSTRAINT "conversation_merges_absorbed_id_conversations_id_fk" FOREIGN KEY ("absorbed_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_merges" ADD CONSTRAINT "conversation_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_merges" ADD CONSTRAINT "conversation_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_merges_survivor_idx" ON "conversation_merges" USING btree ("survivor_id","merged_at");--> statement-breakpoint
CREATE INDEX "stay_guests_org_email_idx" ON "stay_guests" USING btree ("org_id",lower("email"));--> statement-breakpoint
CREATE INDEX "stay_guests_org_phone_idx" ON "stay_guests" USING btree ("org_id",regexp_replace("phone", '[^0-9+]', '', 'g'));