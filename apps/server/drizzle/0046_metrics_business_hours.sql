ALTER TABLE "metrics_daily" ADD COLUMN "first_response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD COLUMN "resolution_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "first_response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_daily" ADD COLUMN "resolution_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "first_response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_dimension_hourly" ADD COLUMN "resolution_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "first_response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "response_business_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "resolution_business_ms" bigint DEFAULT 0 NOT NULL;