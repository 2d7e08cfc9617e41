-- A tenant can go back to the shipped text and back to an earlier version without losing history:
-- both are new versions. A version without content means "the shipped text"; a restored version
-- names the version it copied.
ALTER TABLE "template_overrides" ALTER COLUMN "content" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "template_overrides" ADD COLUMN "restored_from" integer;
--> statement-breakpoint
-- Overrides that failed at send time (the shipped text went out instead), counted for /metrics.
CREATE INDEX "audit_log_template_fallbacks" ON "audit_log" USING btree ("at") WHERE "action" = 'template-override-failed';
