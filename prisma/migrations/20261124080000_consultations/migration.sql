-- Consultations with their districts, topics, attachments (documents and gallery images) and meetings.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; an IMMUTABLE wrapper lets indexes use it (not in schema.prisma).
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TYPE "ConsultationState" AS ENUM ('ACTIVE', 'CANCELLED', 'POSTPONED');
CREATE TYPE "ParticipationForm" AS ENUM ('ONLINE_FORM', 'WRITTEN', 'EMAIL', 'MEETING', 'DROP_IN_POINT', 'EXPERT_HOURS', 'SURVEY', 'POLL', 'WORKSHOP', 'STUDY_WALK', 'DEBATE');
CREATE TYPE "AttachmentKind" AS ENUM ('DOCUMENT', 'IMAGE');

CREATE TABLE "topic" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(80) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    CONSTRAINT "topic_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "topic_slug_key" ON "topic"("slug");

CREATE TABLE "consultation" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(160) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "summary" VARCHAR(600) NOT NULL DEFAULT '',
    "subject_md" TEXT NOT NULL DEFAULT '',
    "subject_html" TEXT NOT NULL DEFAULT '',
    "purpose_md" TEXT NOT NULL DEFAULT '',
    "purpose_html" TEXT NOT NULL DEFAULT '',
    "legal_basis" VARCHAR(1000) NOT NULL DEFAULT '',
    "addressees" VARCHAR(1000) NOT NULL DEFAULT '',
    "forms" "ParticipationForm"[] NOT NULL DEFAULT ARRAY[]::"ParticipationForm"[],
    "city_wide" BOOLEAN NOT NULL DEFAULT true,
    "department_id" INTEGER NOT NULL,
    "topic_id" INTEGER,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "state" "ConsultationState" NOT NULL DEFAULT 'ACTIVE',
    "state_note" VARCHAR(1000) NOT NULL DEFAULT '',
    "archived_at" TIMESTAMPTZ(3),
    "report_published_at" TIMESTAMPTZ(3),
    "coordinator" VARCHAR(200) NOT NULL DEFAULT '',
    "contact_name" VARCHAR(200) NOT NULL DEFAULT '',
    "contact_email" VARCHAR(254) NOT NULL DEFAULT '',
    "contact_phone" VARCHAR(60) NOT NULL DEFAULT '',
    "contact_place" VARCHAR(300) NOT NULL DEFAULT '',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consultation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "consultation_dates_check" CHECK ("ends_at" > "starts_at")
);
CREATE UNIQUE INDEX "consultation_slug_key" ON "consultation"("slug");
CREATE INDEX "consultation_department_id_idx" ON "consultation"("department_id");
CREATE INDEX "consultation_topic_id_idx" ON "consultation"("topic_id");
CREATE INDEX "consultation_starts_at_idx" ON "consultation"("starts_at");
CREATE INDEX "consultation_ends_at_idx" ON "consultation"("ends_at");
-- Diacritic-insensitive text filter on the list (not in schema.prisma: an expression index).
CREATE INDEX "consultation_title_trgm_idx" ON "consultation" USING gin (f_unaccent(lower("title")) gin_trgm_ops);
ALTER TABLE "consultation" ADD CONSTRAINT "consultation_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "consultation" ADD CONSTRAINT "consultation_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "consultation" ADD CONSTRAINT "consultation_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "consultation_district" (
    "consultation_id" INTEGER NOT NULL,
    "district_id" INTEGER NOT NULL,
    CONSTRAINT "consultation_district_pkey" PRIMARY KEY ("consultation_id", "district_id")
);
CREATE INDEX "consultation_district_district_id_idx" ON "consultation_district"("district_id");
ALTER TABLE "consultation_district" ADD CONSTRAINT "consultation_district_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "consultation_district" ADD CONSTRAINT "consultation_district_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "attachment" (
    "id" SERIAL NOT NULL,
    "kind" "AttachmentKind" NOT NULL,
    "consultation_id" INTEGER,
    "original_name" VARCHAR(255) NOT NULL,
    "stored_name" VARCHAR(80) NOT NULL,
    "mime_type" VARCHAR(120) NOT NULL,
    "extension" VARCHAR(10) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "title" VARCHAR(300) NOT NULL DEFAULT '',
    "description" VARCHAR(1000) NOT NULL DEFAULT '',
    "alt_text" VARCHAR(300) NOT NULL DEFAULT '',
    "width" INTEGER,
    "height" INTEGER,
    "thumbnail_name" VARCHAR(80),
    "position" INTEGER NOT NULL DEFAULT 0,
    "uploaded_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id"),
    -- Exactly one owner; features that add an owner column extend this check.
    CONSTRAINT "attachment_owner_check" CHECK (num_nonnulls("consultation_id") = 1),
    -- Gallery images always carry alternative text.
    CONSTRAINT "attachment_alt_check" CHECK ("kind" <> 'IMAGE' OR length(btrim("alt_text")) > 0),
    CONSTRAINT "attachment_size_check" CHECK ("size_bytes" > 0)
);
CREATE UNIQUE INDEX "attachment_stored_name_key" ON "attachment"("stored_name");
CREATE INDEX "attachment_consultation_id_kind_position_idx" ON "attachment"("consultation_id", "kind", "position");
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "meeting" (
    "id" SERIAL NOT NULL,
    "consultation_id" INTEGER NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "place" VARCHAR(300) NOT NULL DEFAULT '',
    "online_url" VARCHAR(500) NOT NULL DEFAULT '',
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "meeting_dates_check" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at")
);
CREATE INDEX "meeting_consultation_id_idx" ON "meeting"("consultation_id");
CREATE INDEX "meeting_starts_at_idx" ON "meeting"("starts_at");
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
