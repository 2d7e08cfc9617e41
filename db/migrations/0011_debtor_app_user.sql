ALTER TABLE "debtors" ADD COLUMN "app_user_id" text;
