-- Small periodic claims (Besluit vergoeding voor buitengerechtelijke incassokosten, since 2024-10-01):
-- an invoice can be a term of a continuing contract, and the collection costs charged on such a term
-- under the cap are recorded with the day they fell due, so the debtor's other terms can be capped.
ALTER TABLE "invoices" ADD COLUMN "periodic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "periodic_costs_owed_on" date;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "periodic_costs_cents" bigint;--> statement-breakpoint
CREATE INDEX "invoices_periodic_costs" ON "invoices" ("tenant_id","debtor_id","periodic_costs_owed_on") WHERE "periodic_costs_owed_on" IS NOT NULL;
