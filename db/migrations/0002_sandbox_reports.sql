ALTER TABLE "sandbox_messages" ADD COLUMN "report_endpoint" text;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "report_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "report_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "report_error" text;--> statement-breakpoint
CREATE INDEX "sandbox_messages_reports_due" ON "sandbox_messages" USING btree ("report_endpoint","report_due_at") WHERE report_due_at is not null;