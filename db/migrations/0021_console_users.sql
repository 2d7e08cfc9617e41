-- The credit manager's console (issue 17): tenant users who sign in with email and password, and
-- their sessions. Passwords are stored as scrypt hashes with a per-user salt and the parameters they
-- were made with (api/console/passwords.ts); a session's token is stored as its sha256 only, so a
-- copy of this table signs nobody in. An email belongs to one user across all tenants (sign-in asks
-- for no tenant).
CREATE TABLE "console_users" (
  "id" text PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "email" text NOT NULL,
  "password_hash" text NOT NULL,
  "role" text NOT NULL CHECK ("role" IN ('viewer', 'collector', 'admin')),
  "language" text CHECK ("language" IN ('nl', 'en')),
  "failed_attempts" integer DEFAULT 0 NOT NULL,
  "locked_until" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_email" ON "console_users" (lower("email"));
--> statement-breakpoint
CREATE TABLE "console_sessions" (
  "token_hash" text PRIMARY KEY NOT NULL,
  "user_id" text NOT NULL REFERENCES "console_users"("id") ON DELETE CASCADE,
  "csrf_token" text NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "console_sessions_user" ON "console_sessions" ("user_id");
