ALTER TABLE "customers" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "retention_days" integer;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "stay_guests" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "stays" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "stays" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_org_external_id_key" ON "customers" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_org_external_id_key" ON "rooms" USING btree ("org_id","external_id") WHERE removed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "stay_guests_stay_external_id_key" ON "stay_guests" USING btree ("stay_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stays_org_external_id_key" ON "stays" USING btree ("org_id","external_id");