-- Followers of a consultation hear about a meeting added to it (notifications): announced_at is set
-- when the per-minute sweep has queued those e-mails. Meetings that exist already are not announced.
ALTER TABLE "meeting" ADD COLUMN "announced_at" TIMESTAMPTZ(3);
UPDATE "meeting" SET "announced_at" = CURRENT_TIMESTAMP;
CREATE INDEX "meeting_announced_at_idx" ON "meeting"("announced_at");
