-- Each message as handed to its provider (issue 17 item 3): the console shows what the debtor saw,
-- for live providers as for the sandbox, with the template version it was rendered from.
CREATE TABLE "message_copies" (
  "message_id" text PRIMARY KEY NOT NULL REFERENCES "communications"("id") ON DELETE CASCADE,
  "tenant_id" text NOT NULL,
  "recipient" text NOT NULL,
  "subject" text,
  "text" text NOT NULL,
  "html" text,
  "pdf" bytea,
  "whatsapp_template" jsonb,
  "template_version" integer,
  "unsendable_version" integer,
  "composed_at" timestamp with time zone DEFAULT now() NOT NULL
);
