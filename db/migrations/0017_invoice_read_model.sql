-- The invoice row is the read model the API answers from (no Temporal query on the hot path). The
-- workflow's sync activity writes it with a version that grows with every write of the workflow (its
-- scheduling time, then its sequence), and a write older than the row's version changes nothing — a
-- retried or late activity never puts an older state back. next_action: what the planned step is.
ALTER TABLE "invoices" ADD COLUMN "mirror_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "next_action" text;
