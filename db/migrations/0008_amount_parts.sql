-- How payments were allocated to principal, costs and interest (art. 6:44 BW), as the workflow last
-- reported it; null for rows written before (readers then allocate the totals in the same order).
ALTER TABLE "invoices" ADD COLUMN "amount_parts" jsonb;
