-- Residents may follow the news of chosen districts (notifications, issue 8 with issue 4): the
-- districts whose news a subscriber wants, and when each article was announced to them.

CREATE TABLE "subscriber_news_district" (
    "subscriber_id" INTEGER NOT NULL,
    "district_id" INTEGER NOT NULL,
    CONSTRAINT "subscriber_news_district_pkey" PRIMARY KEY ("subscriber_id", "district_id")
);
CREATE INDEX "subscriber_news_district_district_id_idx" ON "subscriber_news_district"("district_id");
ALTER TABLE "subscriber_news_district" ADD CONSTRAINT "subscriber_news_district_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscriber_news_district" ADD CONSTRAINT "subscriber_news_district_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Set when the per-minute sweep queued the e-mails about an article that went public (now or as
-- scheduled). Articles already public when this arrived are not announced after the fact.
ALTER TABLE "news" ADD COLUMN "announced_at" TIMESTAMPTZ(3);
UPDATE "news" SET "announced_at" = "published_at" WHERE "published_at" IS NOT NULL AND "published_at" <= CURRENT_TIMESTAMP;
CREATE INDEX "news_announced_at_idx" ON "news"("announced_at");
