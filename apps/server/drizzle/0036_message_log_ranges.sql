DROP INDEX "messages_xid_idx";--> statement-breakpoint
CREATE INDEX "messages_xid_idx" ON "messages" USING brin ("xid") WITH (pages_per_range=16);