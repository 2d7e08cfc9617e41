-- The workflow's events as they happened (step ids, channels, amounts, reasons), written while it runs,
-- so the timeline of a closed invoice is as rich as while it ran. event_key dedupes the snapshots
-- every sync carries.
CREATE TABLE "invoice_events" (
  "id" bigserial PRIMARY KEY,
  "tenant_id" text NOT NULL,
  "invoice_id" text NOT NULL,
  "workflow_id" text NOT NULL,
  "event_key" text NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "kind" text NOT NULL,
  "detail" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_events_key" ON "invoice_events" ("event_key");
--> statement-breakpoint
CREATE INDEX "invoice_events_invoice" ON "invoice_events" ("tenant_id", "invoice_id", "at", "id");
--> statement-breakpoint
-- A debtor's call-back request or dispute from the self-service page, for the creditor to act on. The
-- notify_* columns are its signed webhook to the creditor: due, attempts, delivered, last failure.
CREATE TABLE "debtor_requests" (
  "id" text PRIMARY KEY,
  "tenant_id" text NOT NULL,
  "invoice_id" text NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('callback', 'dispute')),
  "status" text DEFAULT 'open' NOT NULL CHECK ("status" IN ('open', 'resolved')),
  "message" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "resolved_at" timestamp with time zone,
  "notify_due_at" timestamp with time zone,
  "notify_attempts" integer DEFAULT 0 NOT NULL,
  "notified_at" timestamp with time zone,
  "notify_error" text
);
--> statement-breakpoint
CREATE INDEX "debtor_requests_tenant_status" ON "debtor_requests" ("tenant_id", "status", "id");
--> statement-breakpoint
CREATE INDEX "debtor_requests_invoice" ON "debtor_requests" ("tenant_id", "invoice_id");
--> statement-breakpoint
CREATE INDEX "debtor_requests_notify_due" ON "debtor_requests" ("notify_due_at") WHERE "notify_due_at" IS NOT NULL;
