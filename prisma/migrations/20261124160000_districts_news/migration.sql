-- District councils' pages, news (district or city-wide) with their attachments, and district events.
ALTER TABLE "district"
    ADD COLUMN "council_chair" VARCHAR(200) NOT NULL DEFAULT '',
    ADD COLUMN "council_members" VARCHAR(4000) NOT NULL DEFAULT '',
    ADD COLUMN "council_seat" VARCHAR(300) NOT NULL DEFAULT '',
    ADD COLUMN "council_hours" VARCHAR(2000) NOT NULL DEFAULT '',
    ADD COLUMN "council_email" VARCHAR(254) NOT NULL DEFAULT '',
    ADD COLUMN "council_phone" VARCHAR(60) NOT NULL DEFAULT '',
    ADD COLUMN "council_about_md" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "council_about_html" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "council_updated_at" TIMESTAMPTZ(3);

CREATE TABLE "news" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(160) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "lead" VARCHAR(600) NOT NULL DEFAULT '',
    "body_md" TEXT NOT NULL DEFAULT '',
    "body_html" TEXT NOT NULL DEFAULT '',
    "district_id" INTEGER,
    "published_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "news_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "news_slug_key" ON "news"("slug");
CREATE INDEX "news_published_at_idx" ON "news"("published_at");
CREATE INDEX "news_district_id_published_at_idx" ON "news"("district_id", "published_at");
ALTER TABLE "news" ADD CONSTRAINT "news_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "news" ADD CONSTRAINT "news_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Attachments get a second owner: a news article. Still exactly one owner per file.
ALTER TABLE "attachment" ADD COLUMN "news_id" INTEGER;
ALTER TABLE "attachment" DROP CONSTRAINT "attachment_owner_check";
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_owner_check" CHECK (num_nonnulls("consultation_id", "news_id") = 1);
CREATE INDEX "attachment_news_id_kind_position_idx" ON "attachment"("news_id", "kind", "position");
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_news_id_fkey" FOREIGN KEY ("news_id") REFERENCES "news"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TYPE "DistrictEventKind" AS ENUM ('MEETING', 'OFFICE_HOURS');

CREATE TABLE "district_event" (
    "id" SERIAL NOT NULL,
    "district_id" INTEGER NOT NULL,
    "kind" "DistrictEventKind" NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "place" VARCHAR(300) NOT NULL DEFAULT '',
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "district_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "district_event_end_check" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at")
);
CREATE INDEX "district_event_district_id_starts_at_idx" ON "district_event"("district_id", "starts_at");
CREATE INDEX "district_event_starts_at_idx" ON "district_event"("starts_at");
ALTER TABLE "district_event" ADD CONSTRAINT "district_event_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE CASCADE ON UPDATE CASCADE;
