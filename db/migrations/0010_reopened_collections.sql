-- Collections reopened after the invoice's workflow had completed (a SEPA reversal can come 13 months
-- later): one entry per reversed payment, also the idempotency record of the reopening.
ALTER TABLE "invoices" ADD COLUMN "reopened_collections" jsonb DEFAULT '[]'::jsonb NOT NULL;
