-- Planned city investments (issue 7): the investment, its districts, its progress updates, and
-- attachments owned by an investment (documents and gallery photos, a photo optionally shown with an update).
-- In the order lists show them (PostgreSQL sorts an enum by declaration): ongoing first.
CREATE TYPE "InvestmentStatus" AS ENUM ('IN_PROGRESS', 'PREPARATION', 'PLANNED', 'SUSPENDED', 'COMPLETED');

CREATE TABLE "investment" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(160) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "summary" VARCHAR(600) NOT NULL DEFAULT '',
    "description_md" TEXT NOT NULL DEFAULT '',
    "description_html" TEXT NOT NULL DEFAULT '',
    "status" "InvestmentStatus" NOT NULL DEFAULT 'PLANNED',
    "department_id" INTEGER NOT NULL,
    "budget_grosze" BIGINT,
    "eu_funding_grosze" BIGINT,
    "funding_sources" VARCHAR(2000) NOT NULL DEFAULT '',
    "planned_start" DATE,
    "planned_end" DATE,
    "actual_start" DATE,
    "actual_end" DATE,
    "address" VARCHAR(300) NOT NULL DEFAULT '',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "consultation_id" INTEGER,
    "contact_name" VARCHAR(200) NOT NULL DEFAULT '',
    "contact_email" VARCHAR(254) NOT NULL DEFAULT '',
    "contact_phone" VARCHAR(60) NOT NULL DEFAULT '',
    "published_at" TIMESTAMPTZ(3),
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "investment_pkey" PRIMARY KEY ("id"),
    -- The form checks all of these with messages; the database keeps them true whatever writes.
    CONSTRAINT "investment_money_check" CHECK ("budget_grosze" >= 0 AND "eu_funding_grosze" >= 0),
    CONSTRAINT "investment_coordinates_check" CHECK (
        ("latitude" IS NULL) = ("longitude" IS NULL)
        AND ("latitude" IS NULL OR ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180))),
    CONSTRAINT "investment_dates_check" CHECK (
        ("planned_end" IS NULL OR "planned_start" IS NULL OR "planned_end" >= "planned_start")
        AND ("actual_end" IS NULL OR "actual_start" IS NULL OR "actual_end" >= "actual_start"))
);
CREATE UNIQUE INDEX "investment_slug_key" ON "investment"("slug");
CREATE INDEX "investment_department_id_idx" ON "investment"("department_id");
CREATE INDEX "investment_status_idx" ON "investment"("status");
CREATE INDEX "investment_published_at_archived_at_idx" ON "investment"("published_at", "archived_at");
CREATE INDEX "investment_consultation_id_idx" ON "investment"("consultation_id");
ALTER TABLE "investment" ADD CONSTRAINT "investment_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "investment" ADD CONSTRAINT "investment_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "investment" ADD CONSTRAINT "investment_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "investment_district" (
    "investment_id" INTEGER NOT NULL,
    "district_id" INTEGER NOT NULL,
    CONSTRAINT "investment_district_pkey" PRIMARY KEY ("investment_id", "district_id")
);
CREATE INDEX "investment_district_district_id_idx" ON "investment_district"("district_id");
ALTER TABLE "investment_district" ADD CONSTRAINT "investment_district_investment_id_fkey" FOREIGN KEY ("investment_id") REFERENCES "investment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "investment_district" ADD CONSTRAINT "investment_district_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "investment_update" (
    "id" SERIAL NOT NULL,
    "investment_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "body_md" TEXT NOT NULL DEFAULT '',
    "body_html" TEXT NOT NULL DEFAULT '',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "investment_update_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "investment_update_investment_id_date_idx" ON "investment_update"("investment_id", "date");
ALTER TABLE "investment_update" ADD CONSTRAINT "investment_update_investment_id_fkey" FOREIGN KEY ("investment_id") REFERENCES "investment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "investment_update" ADD CONSTRAINT "investment_update_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Attachments get a third owner: an investment. Still exactly one owner per file; a photo may also
-- point at one of its investment's progress updates.
ALTER TABLE "attachment" ADD COLUMN "investment_id" INTEGER;
ALTER TABLE "attachment" ADD COLUMN "investment_update_id" INTEGER;
ALTER TABLE "attachment" DROP CONSTRAINT "attachment_owner_check";
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_owner_check" CHECK (num_nonnulls("consultation_id", "news_id", "investment_id") = 1);
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_update_owner_check" CHECK ("investment_update_id" IS NULL OR "investment_id" IS NOT NULL);
CREATE INDEX "attachment_investment_id_kind_position_idx" ON "attachment"("investment_id", "kind", "position");
CREATE INDEX "attachment_investment_update_id_idx" ON "attachment"("investment_update_id");
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_investment_id_fkey" FOREIGN KEY ("investment_id") REFERENCES "investment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_investment_update_id_fkey" FOREIGN KEY ("investment_update_id") REFERENCES "investment_update"("id") ON DELETE SET NULL ON UPDATE CASCADE;
