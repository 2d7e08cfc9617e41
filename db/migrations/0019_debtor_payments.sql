-- Past payments of a debtor at this creditor, imported by upstream systems (POST /v1/debtors/{id}/
-- payment-history, POST /v1/payment-history) so that the learned payday works from day one. Settle's
-- own payments are read from "payments" and not copied here. An import is idempotent per external id.
CREATE TABLE "debtor_payment_history" (
  "tenant_id" text NOT NULL,
  "debtor_id" text NOT NULL,
  "external_id" text NOT NULL,
  "paid_on" date NOT NULL,
  "amount_cents" bigint,
  "source" text DEFAULT 'import' NOT NULL CHECK ("source" IN ('import', 'settle')),
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "debtor_payment_history_external" ON "debtor_payment_history" ("tenant_id", "debtor_id", "external_id");
