-- Tenant-defined ladders (issue 17 item 6): a tenant's own dunning policies, every save a new immutable
-- version (an invoice snapshots one version and keeps it), the policy each debtor segment starts on, and
-- on each invoice the version it took (null: a shipped policy, whose version is in its definition).
CREATE TABLE "tenant_policies" (
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "policy_id" text NOT NULL,
  "version" integer NOT NULL CHECK ("version" >= 1),
  "definition" jsonb NOT NULL,
  "created_by" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "tenant_policies_pk" PRIMARY KEY ("tenant_id", "policy_id", "version")
);
--> statement-breakpoint
CREATE TABLE "policy_assignments" (
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "segment" text NOT NULL CHECK ("segment" IN ('consumer', 'business')),
  "policy_id" text NOT NULL,
  "assigned_by" text NOT NULL,
  "assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "policy_assignments_pk" PRIMARY KEY ("tenant_id", "segment")
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "policy_version" integer;
--> statement-breakpoint
CREATE INDEX "invoices_tenant_policy" ON "invoices" ("tenant_id", "policy_id", "policy_version") WHERE "policy_version" IS NOT NULL;
