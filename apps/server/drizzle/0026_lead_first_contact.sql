ALTER TABLE "leads" ADD COLUMN "first_contacted_at" timestamp with time zone;--> statement-breakpoint
-- Leads worked before this column existed: their first contact is in the event log.
UPDATE "leads" SET "first_contacted_at" = "first"."at"
FROM (
	SELECT ("data"->>'leadId')::uuid AS "lead_id", min("occurred_at") AS "at"
	FROM "domain_events"
	WHERE "type" = 'lead.status_changed' AND "data"->>'to' IN ('contacted', 'converted')
	GROUP BY 1
) AS "first"
WHERE "leads"."id" = "first"."lead_id";
