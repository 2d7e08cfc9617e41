-- Facts for analysis (issue 16): every message, payment, state change, invoice and payment plan per
-- tenant, as views over the tables Settle writes — nothing is copied, so they are never stale. They
-- carry no personal data: no names, contact data, addresses, descriptions, metadata, references or
-- free text (a status's `detail` can quote a bounce message naming the address, so it is left out).
-- Local times are Europe/Amsterdam, the zone Settle's calendar works in.
CREATE VIEW "analytics_invoices" AS
SELECT i."tenant_id", i."invoice_id", d."type" AS "debtor_type", i."policy_id", i."periodic",
  i."amount_cents", i."currency", i."issue_date", i."due_date", i."status", i."stage", i."closed_at",
  CASE WHEN i."status" = 'paid' THEN (
    SELECT max(p."paid_at") FROM "payments" p
    WHERE p."tenant_id" = i."tenant_id" AND p."invoice_id" = i."invoice_id" AND p."amount_cents" > 0
  ) END AS "paid_in_full_at"
FROM "invoices" i
LEFT JOIN "debtors" d ON d."tenant_id" = i."tenant_id" AND d."id" = i."debtor_id";
--> statement-breakpoint
CREATE VIEW "analytics_messages" AS
SELECT c."tenant_id", c."invoice_id", c."id" AS "message_id", c."step", c."channel", c."template",
  c."language", c."status",
  coalesce(h."sent_at", c."created_at") AS "sent_at", h."delivered_at", h."opened_at", h."clicked_at",
  h."bounced_at"
FROM "communications" c
CROSS JOIN LATERAL (
  SELECT
    min((e->>'at')::timestamptz) FILTER (WHERE e->>'status' = 'sent') AS "sent_at",
    min((e->>'at')::timestamptz) FILTER (WHERE e->>'status' = 'delivered') AS "delivered_at",
    min((e->>'at')::timestamptz) FILTER (WHERE e->>'status' = 'opened') AS "opened_at",
    min((e->>'at')::timestamptz) FILTER (WHERE e->>'status' = 'clicked') AS "clicked_at",
    -- A letter the post brought back is a letter's bounce.
    min((e->>'at')::timestamptz) FILTER (WHERE e->>'status' IN ('bounced', 'returned')) AS "bounced_at"
  FROM jsonb_array_elements(c."status_history") e
) h;
--> statement-breakpoint
CREATE VIEW "analytics_payments" AS
SELECT "tenant_id", "invoice_id", "id" AS "payment_id", "source", "amount_cents", "currency", "paid_at"
FROM "payments";
--> statement-breakpoint
CREATE VIEW "analytics_state_changes" AS
SELECT "tenant_id", "invoice_id", "id" AS "event_id", "kind", "at"
FROM "invoice_events";
--> statement-breakpoint
CREATE VIEW "analytics_payment_plans" AS
SELECT "tenant_id", "invoice_id", "id" AS "plan_id", "instalments", "total_cents", "status",
  "created_at", "updated_at"
FROM "payment_plans";
