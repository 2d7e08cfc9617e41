-- The provider columns name the provider that served the row (providers/registry.ts), no longer
-- the mode it ran in: 'live' meant the configured real provider, 'sandbox' the sandbox's stand-in
-- for it (recorded as '<provider>-sandbox' from now on).
-- Payments and PSP customers only ever had one live provider: Mollie.
UPDATE "payment_links" SET "provider" = CASE "provider" WHEN 'live' THEN 'mollie' ELSE 'mollie-sandbox' END
  WHERE "provider" IN ('live', 'sandbox');
--> statement-breakpoint
UPDATE "psp_customers" SET "provider" = CASE "provider" WHEN 'live' THEN 'mollie' ELSE 'mollie-sandbox' END
  WHERE "provider" IN ('live', 'sandbox');
--> statement-breakpoint
-- Messages: by channel. Live SMS and WhatsApp went through MessageBird, or through Bird, whose
-- message ids are UUIDs (MessageBird's are 32 hex digits without dashes); an unsent message (no
-- id) is taken to be MessageBird's, the default. The sandbox's own messages have ids `sbx_…`; an
-- app message in the sandbox without one went to the creditor's configured app webhook.
UPDATE "communications" SET "provider" = CASE
    WHEN "provider" = 'live' THEN CASE "channel"
      WHEN 'email' THEN 'sendgrid'
      WHEN 'letter' THEN 'print'
      WHEN 'app' THEN 'app-webhook'
      ELSE CASE WHEN "provider_message_id" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN 'bird' ELSE 'messagebird' END
    END
    ELSE CASE "channel"
      WHEN 'email' THEN 'sendgrid-sandbox'
      WHEN 'letter' THEN 'print-sandbox'
      WHEN 'app' THEN CASE WHEN "provider_message_id" IS NOT NULL AND "provider_message_id" NOT LIKE 'sbx\_%'
        THEN 'app-webhook' ELSE 'app-webhook-sandbox' END
      ELSE 'messagebird-sandbox'
    END
  END
  WHERE "provider" IN ('live', 'sandbox');
--> statement-breakpoint
-- From now on a mode is refused where a provider's name belongs.
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_provider_named" CHECK ("provider" NOT IN ('live', 'sandbox'));
--> statement-breakpoint
ALTER TABLE "psp_customers" ADD CONSTRAINT "psp_customers_provider_named" CHECK ("provider" NOT IN ('live', 'sandbox'));
--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_provider_named" CHECK ("provider" NOT IN ('live', 'sandbox'));
