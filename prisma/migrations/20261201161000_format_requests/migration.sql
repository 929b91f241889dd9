-- Requests for a document in another format (accessibility act, art. 18).
CREATE TYPE "AlternativeFormat" AS ENUM ('LARGE_PRINT', 'AUDIO', 'EASY_TO_READ', 'ACCESSIBLE_PDF', 'ACCESSIBLE_DOCX', 'OTHER');

CREATE TABLE "format_request" (
    "id" SERIAL NOT NULL,
    "attachment_id" INTEGER,
    "document_name" VARCHAR(300) NOT NULL,
    "document_url" VARCHAR(500) NOT NULL,
    "format" "AlternativeFormat" NOT NULL,
    "other_format" VARCHAR(300) NOT NULL DEFAULT '',
    "name" VARCHAR(200) NOT NULL DEFAULT '',
    "email" VARCHAR(254),
    "postal_address" VARCHAR(500),
    "notes" VARCHAR(2000) NOT NULL DEFAULT '',
    "department_id" INTEGER,
    "district_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "handled_at" TIMESTAMPTZ(3),
    "handled_by_id" INTEGER,
    CONSTRAINT "format_request_pkey" PRIMARY KEY ("id"),
    -- Someone must be reachable: an e-mail address or a postal address.
    CONSTRAINT "format_request_contact_check" CHECK (num_nonnulls("email", "postal_address") >= 1)
);
CREATE INDEX "format_request_department_id_created_at_idx" ON "format_request"("department_id", "created_at");
CREATE INDEX "format_request_district_id_created_at_idx" ON "format_request"("district_id", "created_at");
CREATE INDEX "format_request_created_at_idx" ON "format_request"("created_at");
CREATE INDEX "format_request_attachment_id_idx" ON "format_request"("attachment_id");
ALTER TABLE "format_request" ADD CONSTRAINT "format_request_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "format_request" ADD CONSTRAINT "format_request_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "format_request" ADD CONSTRAINT "format_request_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "format_request" ADD CONSTRAINT "format_request_handled_by_id_fkey" FOREIGN KEY ("handled_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
