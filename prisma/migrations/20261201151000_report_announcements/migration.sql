-- Followers of a consultation hear when its report is published (notifications): the per-minute
-- sweep sets report_announced_at when it has queued those e-mails. Reports published before this
-- arrived are not announced after the fact.
ALTER TABLE "consultation" ADD COLUMN "report_announced_at" TIMESTAMPTZ(3);
UPDATE "consultation" SET "report_announced_at" = "report_published_at" WHERE "report_published_at" IS NOT NULL AND "report_published_at" <= CURRENT_TIMESTAMP;
CREATE INDEX "consultation_report_published_at_report_announced_at_idx" ON "consultation"("report_published_at", "report_announced_at");
