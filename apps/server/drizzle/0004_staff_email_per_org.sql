DROP INDEX "users_email_key";--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_email_key" ON "users" USING btree ("org_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_platform_email_key" ON "users" USING btree ("email") WHERE "users"."org_id" is null;--> statement-breakpoint
CREATE INDEX "users_email_idx" ON "users" USING btree ("email");