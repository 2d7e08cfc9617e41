-- Bulk intake: a batch of invoices accepted at once (POST /v1/invoice-batches) and started afterwards
-- with bounded concurrency. Each line is its own outbox row: a killed process leaves it 'pending' (or
-- 'starting' with an old claim) and the next sweep picks it up. A line's request is removed once it
-- was started: the invoice and debtor rows hold it from then on.
CREATE TABLE "invoice_batches" (
  "id" text PRIMARY KEY,
  "tenant_id" text NOT NULL,
  "content_hash" text NOT NULL,
  "format" text NOT NULL CHECK ("format" IN ('json', 'ndjson', 'csv')),
  "total" integer NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_batches_content" ON "invoice_batches" ("tenant_id", "content_hash");
--> statement-breakpoint
CREATE TABLE "invoice_batch_lines" (
  "batch_id" text NOT NULL REFERENCES "invoice_batches" ("id"),
  "line" integer NOT NULL,
  "tenant_id" text NOT NULL,
  "invoice_id" text,
  "state" text NOT NULL CHECK ("state" IN ('pending', 'starting', 'created', 'repeated', 'failed')),
  "request" jsonb,
  "errors" jsonb,
  "attempts" integer DEFAULT 0 NOT NULL,
  "due_at" timestamp with time zone DEFAULT now() NOT NULL,
  "finished_at" timestamp with time zone,
  PRIMARY KEY ("batch_id", "line")
);
--> statement-breakpoint
CREATE INDEX "invoice_batch_lines_due" ON "invoice_batch_lines" ("due_at") WHERE "state" IN ('pending', 'starting');
