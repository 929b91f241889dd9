-- Site-wide search (issue 9, docs/decisions.md 29): one table of searchable entries kept by triggers,
-- a vocabulary for typo tolerance, and the record of which documents' text has been extracted.
-- unaccent and pg_trgm were created by the consultations migration.

-- A text search configuration that folds diacritics while parsing ('Źródlana' -> 'zrodlana'), so the
-- index, the query and ts_headline's highlighting all agree. PostgreSQL has no Polish stemmer; the
-- application adds prefix matching of light stems and trigram expansion of typos (search.query.ts).
-- E-mail addresses are not indexed at all.
CREATE TEXT SEARCH CONFIGURATION public.search_pl (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION public.search_pl ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
ALTER TEXT SEARCH CONFIGURATION public.search_pl DROP MAPPING FOR email;

-- Text of sanitised HTML (bodies rendered from Markdown on save): tags become spaces, the entities
-- markdown-it writes are decoded.
CREATE OR REPLACE FUNCTION search_plain_text(html text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT replace(replace(replace(replace(replace(replace(
           regexp_replace(regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'), '\s+', ' ', 'g'),
           '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&') $$;

CREATE TYPE "SearchKind" AS ENUM ('CONSULTATION', 'NEWS', 'INVESTMENT', 'SURVEY', 'DOCUMENT');

CREATE TABLE "search_entry" (
    "id" BIGSERIAL NOT NULL,
    "kind" "SearchKind" NOT NULL,
    "source_id" INTEGER NOT NULL,
    "part" INTEGER NOT NULL DEFAULT 0,
    "page" INTEGER,
    "section" VARCHAR(300) NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "search_entry_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "search_entry_kind_source_id_part_key" ON "search_entry"("kind", "source_id", "part");
-- Not in schema.prisma (Prisma has no tsvector): titles weigh A, summaries B, bodies C.
ALTER TABLE "search_entry" ADD COLUMN "vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.search_pl'::regconfig, "title"), 'A')
  || setweight(to_tsvector('public.search_pl'::regconfig, "summary"), 'B')
  || setweight(to_tsvector('public.search_pl'::regconfig, "body"), 'C')
) STORED;
CREATE INDEX "search_entry_vector_idx" ON "search_entry" USING gin ("vector");

-- Every word the index holds (folded), for "did you mean" expansion of typos by trigram similarity.
-- Words are only added; a stale one can only widen a query's alternatives, never show anything.
CREATE TABLE "search_word" (
    "word" TEXT NOT NULL,
    CONSTRAINT "search_word_pkey" PRIMARY KEY ("word")
);
CREATE INDEX "search_word_trgm_idx" ON "search_word" USING gin ("word" gin_trgm_ops);

-- Which stored file of a document had its text extracted (a replaced file is extracted again).
CREATE TABLE "document_text" (
    "attachment_id" INTEGER NOT NULL,
    "stored_name" VARCHAR(80) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "parts" INTEGER NOT NULL DEFAULT 0,
    "error" VARCHAR(500) NOT NULL DEFAULT '',
    "extracted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "document_text_pkey" PRIMARY KEY ("attachment_id")
);
ALTER TABLE "document_text" ADD CONSTRAINT "document_text_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION search_add_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_word (word)
    SELECT w FROM unnest(tsvector_to_array(NEW.vector)) AS w
    WHERE length(w) BETWEEN 3 AND 40 AND w ~ '^[a-z]+$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER search_entry_words AFTER INSERT OR UPDATE OF title, summary, body ON search_entry
  FOR EACH ROW EXECUTE FUNCTION search_add_words();

CREATE OR REPLACE FUNCTION search_put(k "SearchKind", src integer, t text, s text, b text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_entry (kind, source_id, part, title, summary, body)
  VALUES (k, src, 0, coalesce(t, ''), coalesce(s, ''), coalesce(b, ''))
  ON CONFLICT (kind, source_id, part) DO UPDATE
    SET title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body, updated_at = CURRENT_TIMESTAMP
$$;

-- One trigger function per source table: text only (who may see an entry is decided at query time from
-- the source's own columns). Contact names, e-mails and phones are never copied.
CREATE OR REPLACE FUNCTION search_sync_consultation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entry WHERE kind = 'CONSULTATION' AND source_id = OLD.id;
    RETURN NULL;
  END IF;
  PERFORM search_put('CONSULTATION', NEW.id, NEW.title, NEW.summary,
    concat_ws(' ', search_plain_text(NEW.subject_html), search_plain_text(NEW.purpose_html), NEW.legal_basis, NEW.addressees));
  RETURN NULL;
END $$;
CREATE TRIGGER consultation_search AFTER INSERT OR DELETE OR UPDATE OF title, summary, subject_html, purpose_html, legal_basis, addressees ON consultation
  FOR EACH ROW EXECUTE FUNCTION search_sync_consultation();

CREATE OR REPLACE FUNCTION search_sync_news() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entry WHERE kind = 'NEWS' AND source_id = OLD.id;
    RETURN NULL;
  END IF;
  PERFORM search_put('NEWS', NEW.id, NEW.title, NEW.lead, search_plain_text(NEW.body_html));
  RETURN NULL;
END $$;
CREATE TRIGGER news_search AFTER INSERT OR DELETE OR UPDATE OF title, lead, body_html ON news
  FOR EACH ROW EXECUTE FUNCTION search_sync_news();

CREATE OR REPLACE FUNCTION search_sync_investment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entry WHERE kind = 'INVESTMENT' AND source_id = OLD.id;
    RETURN NULL;
  END IF;
  PERFORM search_put('INVESTMENT', NEW.id, NEW.title, NEW.summary,
    concat_ws(' ', search_plain_text(NEW.description_html), NEW.address, NEW.funding_sources));
  RETURN NULL;
END $$;
CREATE TRIGGER investment_search AFTER INSERT OR DELETE OR UPDATE OF title, summary, description_html, address, funding_sources ON investment
  FOR EACH ROW EXECUTE FUNCTION search_sync_investment();

CREATE OR REPLACE FUNCTION search_sync_survey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entry WHERE kind = 'SURVEY' AND source_id = OLD.id;
    RETURN NULL;
  END IF;
  PERFORM search_put('SURVEY', NEW.id, NEW.title, '', search_plain_text(NEW.intro_html));
  RETURN NULL;
END $$;
CREATE TRIGGER survey_search AFTER INSERT OR DELETE OR UPDATE OF title, intro_html ON survey
  FOR EACH ROW EXECUTE FUNCTION search_sync_survey();

-- Documents of consultations, news and investments (not gallery images, not the knowledge base's files):
-- part 0 carries the title and description; the extraction job adds one part per page or section,
-- each repeating the title. A replaced file drops the old file's parts until it is extracted again.
CREATE OR REPLACE FUNCTION search_sync_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entry WHERE kind = 'DOCUMENT' AND source_id = OLD.id;
    RETURN NULL;
  END IF;
  IF NEW.kind <> 'DOCUMENT' OR NEW.guide_id IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.stored_name IS DISTINCT FROM OLD.stored_name THEN
    DELETE FROM search_entry WHERE kind = 'DOCUMENT' AND source_id = NEW.id AND part > 0;
  END IF;
  PERFORM search_put('DOCUMENT', NEW.id, coalesce(nullif(NEW.title, ''), NEW.original_name), NEW.description, regexp_replace(NEW.original_name, '[._-]+', ' ', 'g'));
  UPDATE search_entry SET title = coalesce(nullif(NEW.title, ''), NEW.original_name), updated_at = CURRENT_TIMESTAMP
   WHERE kind = 'DOCUMENT' AND source_id = NEW.id AND part > 0 AND title IS DISTINCT FROM coalesce(nullif(NEW.title, ''), NEW.original_name);
  RETURN NULL;
END $$;
CREATE TRIGGER attachment_search AFTER INSERT OR DELETE OR UPDATE OF title, description, original_name, stored_name ON attachment
  FOR EACH ROW EXECUTE FUNCTION search_sync_attachment();

-- Whatever exists already is indexed now, with the same expressions as the triggers.
SELECT search_put('CONSULTATION', id, title, summary, concat_ws(' ', search_plain_text(subject_html), search_plain_text(purpose_html), legal_basis, addressees)) FROM consultation;
SELECT search_put('NEWS', id, title, lead, search_plain_text(body_html)) FROM news;
SELECT search_put('INVESTMENT', id, title, summary, concat_ws(' ', search_plain_text(description_html), address, funding_sources)) FROM investment;
SELECT search_put('SURVEY', id, title, '', search_plain_text(intro_html)) FROM survey;
SELECT search_put('DOCUMENT', id, coalesce(nullif(title, ''), original_name), description, regexp_replace(original_name, '[._-]+', ' ', 'g')) FROM attachment WHERE kind = 'DOCUMENT' AND guide_id IS NULL;
