-- Residents' and district councils' requests for consultations (with online supporters and paper
-- signature lists), and the annual plan of consultations (issue 13).
CREATE TYPE "RequestOrigin" AS ENUM ('RESIDENTS', 'DISTRICT_COUNCIL');
CREATE TYPE "RequestState" AS ENUM ('SUBMITTED', 'UNDER_REVIEW', 'ACCEPTED', 'REJECTED');

CREATE TABLE "consultation_request" (
    "id" SERIAL NOT NULL,
    "origin" "RequestOrigin" NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "justification" VARCHAR(10000) NOT NULL,
    "scope" VARCHAR(5000) NOT NULL,
    "forms" "ParticipationForm"[] NOT NULL DEFAULT ARRAY[]::"ParticipationForm"[],
    "district_id" INTEGER,
    "contact_name" VARCHAR(200) NOT NULL DEFAULT '',
    "contact_email" VARCHAR(254) NOT NULL DEFAULT '',
    "contact_phone" VARCHAR(60) NOT NULL DEFAULT '',
    "state" "RequestState" NOT NULL DEFAULT 'SUBMITTED',
    "answer" VARCHAR(10000) NOT NULL DEFAULT '',
    "answered_at" TIMESTAMPTZ(3),
    "consultation_id" INTEGER,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consultation_request_pkey" PRIMARY KEY ("id"),
    -- A council's request names its district; residents' requests carry no district.
    CONSTRAINT "consultation_request_origin_check" CHECK (("origin" = 'DISTRICT_COUNCIL') = ("district_id" IS NOT NULL)),
    -- Accepted and rejected requests carry the city's answer.
    CONSTRAINT "consultation_request_answer_check" CHECK ("state" IN ('SUBMITTED', 'UNDER_REVIEW') OR ("answered_at" IS NOT NULL AND length(btrim("answer")) > 0))
);
CREATE UNIQUE INDEX "consultation_request_consultation_id_key" ON "consultation_request"("consultation_id");
CREATE INDEX "consultation_request_submitted_at_idx" ON "consultation_request"("submitted_at");
CREATE INDEX "consultation_request_state_submitted_at_idx" ON "consultation_request"("state", "submitted_at");
CREATE INDEX "consultation_request_district_id_idx" ON "consultation_request"("district_id");
ALTER TABLE "consultation_request" ADD CONSTRAINT "consultation_request_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "consultation_request" ADD CONSTRAINT "consultation_request_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "request_support" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254),
    "email_hash" VARCHAR(64) NOT NULL,
    "token_hash" VARCHAR(64),
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "request_support_pkey" PRIMARY KEY ("id"),
    -- The address is kept only until the support is confirmed.
    CONSTRAINT "request_support_email_check" CHECK ("confirmed_at" IS NULL OR "email" IS NULL)
);
CREATE UNIQUE INDEX "request_support_token_hash_key" ON "request_support"("token_hash");
CREATE UNIQUE INDEX "request_support_request_id_email_hash_key" ON "request_support"("request_id", "email_hash");
CREATE INDEX "request_support_request_id_confirmed_at_idx" ON "request_support"("request_id", "confirmed_at");
CREATE INDEX "request_support_created_at_idx" ON "request_support"("created_at");
ALTER TABLE "request_support" ADD CONSTRAINT "request_support_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "consultation_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "request_paper_list" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "signatures" INTEGER NOT NULL,
    "received_on" DATE NOT NULL,
    "note" VARCHAR(300) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "request_paper_list_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "request_paper_list_signatures_check" CHECK ("signatures" > 0)
);
CREATE INDEX "request_paper_list_request_id_idx" ON "request_paper_list"("request_id");
ALTER TABLE "request_paper_list" ADD CONSTRAINT "request_paper_list_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "consultation_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "consultation_plan_item" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "department_id" INTEGER NOT NULL,
    "consultation_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consultation_plan_item_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "consultation_plan_item_month_check" CHECK ("month" BETWEEN 1 AND 12),
    CONSTRAINT "consultation_plan_item_year_check" CHECK ("year" BETWEEN 2000 AND 2100)
);
CREATE UNIQUE INDEX "consultation_plan_item_consultation_id_key" ON "consultation_plan_item"("consultation_id");
CREATE INDEX "consultation_plan_item_year_month_idx" ON "consultation_plan_item"("year", "month");
CREATE INDEX "consultation_plan_item_department_id_idx" ON "consultation_plan_item"("department_id");
ALTER TABLE "consultation_plan_item" ADD CONSTRAINT "consultation_plan_item_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "consultation_plan_item" ADD CONSTRAINT "consultation_plan_item_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The coordinating office is data: Biuro Inicjatyw Lokalnych i Konsultacji Społecznych by default.
ALTER TABLE "department" ADD COLUMN "coordinates_consultations" BOOLEAN NOT NULL DEFAULT false;
UPDATE "department" SET "coordinates_consultations" = true WHERE "code" = 'BIK';
