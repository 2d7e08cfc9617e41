-- A PSP payment is credited to one invoice only (issue 11: one payment was credited to other tenants'
-- invoices through their webhook URLs). Rows left by that bug must be resolved by hand first (refund or
-- reverse the wrong credits): find them with
--   SELECT dedupe_key, count(*) FROM payments WHERE source = 'psp' GROUP BY 1 HAVING count(*) > 1;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM payments WHERE source = 'psp' GROUP BY dedupe_key HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'payments: a PSP payment is credited to more than one invoice; resolve those rows (see 0005_payment_binding.sql) before migrating';
  END IF;
END $$;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_psp_once" ON "payments" USING btree ("dedupe_key") WHERE source = 'psp';--> statement-breakpoint
CREATE UNIQUE INDEX "psp_customers_provider_customer" ON "psp_customers" USING btree ("provider_customer_id");--> statement-breakpoint
CREATE INDEX "payment_links_invoice" ON "payment_links" USING btree ("tenant_id","invoice_id");
