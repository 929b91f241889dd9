-- Documents (issues 6 and 12): the stored HTML version of uploaded DOCX/ODT files, and the report's
-- PDF made in the background and kept in the uploads storage.
CREATE TABLE "document_html" (
    "attachment_id" INTEGER NOT NULL,
    "stored_name" VARCHAR(80) NOT NULL,
    "html" TEXT,
    "problem" VARCHAR(40),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "document_html_pkey" PRIMARY KEY ("attachment_id")
);
ALTER TABLE "document_html" ADD CONSTRAINT "document_html_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "report_pdf" (
    "consultation_id" INTEGER NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "built_for" TIMESTAMPTZ(3),
    "stored_name" VARCHAR(80),
    "size_bytes" INTEGER,
    CONSTRAINT "report_pdf_pkey" PRIMARY KEY ("consultation_id")
);
ALTER TABLE "report_pdf" ADD CONSTRAINT "report_pdf_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
