-- Experiments with a holdout (issue 16 item 4): a tenant tries arms (template variants, channel
-- order, send slots) on one step of a policy; each invoice reaching that step is assigned once — to
-- an arm by Thompson sampling on the goal, or to the holdout, which gets the current default. The
-- assignment is recorded before the step's message goes out, so a replay or retry finds it again.
CREATE TABLE "experiments" (
  "tenant_id" text NOT NULL,
  "id" text NOT NULL,
  "name" text NOT NULL,
  "policy_id" text,
  "step_id" text,
  "step_kind" text,
  "goal" jsonb NOT NULL,
  "holdout_share" double precision DEFAULT 0.1 NOT NULL CHECK ("holdout_share" >= 0 AND "holdout_share" <= 0.5),
  "status" text DEFAULT 'running' NOT NULL CHECK ("status" IN ('draft', 'running', 'stopped')),
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "started_at" timestamp with time zone,
  "stopped_at" timestamp with time zone,
  PRIMARY KEY ("tenant_id", "id"),
  CHECK (("step_id" IS NULL) <> ("step_kind" IS NULL))
);
--> statement-breakpoint
CREATE INDEX "experiments_running" ON "experiments" ("tenant_id") WHERE "status" = 'running';
--> statement-breakpoint
CREATE TABLE "experiment_arms" (
  "tenant_id" text NOT NULL,
  "experiment_id" text NOT NULL,
  "key" text NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('template-variant', 'channel-order', 'send-slot')),
  "config" jsonb NOT NULL,
  PRIMARY KEY ("tenant_id", "experiment_id", "key"),
  FOREIGN KEY ("tenant_id", "experiment_id") REFERENCES "experiments" ("tenant_id", "id")
);
--> statement-breakpoint
CREATE TABLE "experiment_assignments" (
  "tenant_id" text NOT NULL,
  "experiment_id" text NOT NULL,
  "invoice_id" text NOT NULL,
  -- An arm's key, or 'holdout'.
  "arm" text NOT NULL,
  "assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
  PRIMARY KEY ("tenant_id", "experiment_id", "invoice_id"),
  FOREIGN KEY ("tenant_id", "experiment_id") REFERENCES "experiments" ("tenant_id", "id")
);
