-- The document extraction sweep's to-do list, kept by the database (docs/decisions.md 47): a document
-- whose file has to be read has a document_text row in state PENDING, written by a trigger when the
-- attachment is added or its file replaced. The sweep asked every minute for the documents without a
-- current row, an anti-join over every attachment: 40-60 ms on the benchmark's 50,000 documents, and over
-- the 50 ms the benchmark allows any statement; now it reads a partial index of the pending ones.

-- The extensions the extractor reads; tests/db/document-text-pending.test.ts checks this list against
-- EXTRACTED_EXTENSIONS in src/features/search/document-text.ts.
CREATE FUNCTION "document_text_extracted"(extension text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(extension) = ANY (ARRAY['pdf', 'docx', 'odt'])
$$;

CREATE FUNCTION "document_text_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'DOCUMENT' AND NEW.guide_id IS NULL AND document_text_extracted(NEW.extension) THEN
    INSERT INTO document_text (attachment_id, stored_name, status) VALUES (NEW.id, NEW.stored_name, 'PENDING')
    ON CONFLICT (attachment_id) DO UPDATE SET stored_name = EXCLUDED.stored_name, status = 'PENDING', parts = 0, error = '', extracted_at = now()
      WHERE document_text.stored_name IS DISTINCT FROM EXCLUDED.stored_name;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "document_text_pending" AFTER INSERT OR UPDATE OF stored_name, kind, guide_id, extension ON "attachment"
  FOR EACH ROW EXECUTE FUNCTION "document_text_pending"();

-- What is pending now: documents without a row for their current file.
INSERT INTO document_text (attachment_id, stored_name, status)
SELECT a.id, a.stored_name, 'PENDING' FROM attachment a
WHERE a.kind = 'DOCUMENT' AND a.guide_id IS NULL AND document_text_extracted(a.extension)
ON CONFLICT (attachment_id) DO UPDATE SET stored_name = EXCLUDED.stored_name, status = 'PENDING', parts = 0, error = '', extracted_at = now()
  WHERE document_text.stored_name IS DISTINCT FROM EXCLUDED.stored_name;

CREATE INDEX "document_text_pending_idx" ON "document_text" ("attachment_id") WHERE status = 'PENDING';
