-- Search that costs about the same for a common word as for a rare one (issue 9, docs/decisions.md 47).
-- One GIN index of the whole table made every kind's search read the posting list of all kinds, and
-- the planner, which cannot tell how many entries of a kind match a prefix, walked the table hoping to
-- stop early. The search now asks each kind on its own, for a bounded number of entries, through
-- partial GIN indexes of that kind alone: its whole vector, and its title alone (part 0, the entry that
-- holds a document's title), from which the candidates ranked above body matches come.
-- IF [NOT] EXISTS: benchmark copies where these were tried by hand migrate all the same.
DROP INDEX IF EXISTS "search_entry_vector_idx";
CREATE INDEX IF NOT EXISTS "search_entry_consultation_idx" ON "search_entry" USING gin ("vector") WHERE "kind" = 'CONSULTATION';
CREATE INDEX IF NOT EXISTS "search_entry_consultation_title_idx" ON "search_entry" USING gin (to_tsvector('public.search_pl'::regconfig, "title")) WHERE "kind" = 'CONSULTATION' AND "part" = 0;
CREATE INDEX IF NOT EXISTS "search_entry_news_idx" ON "search_entry" USING gin ("vector") WHERE "kind" = 'NEWS';
CREATE INDEX IF NOT EXISTS "search_entry_news_title_idx" ON "search_entry" USING gin (to_tsvector('public.search_pl'::regconfig, "title")) WHERE "kind" = 'NEWS' AND "part" = 0;
CREATE INDEX IF NOT EXISTS "search_entry_investment_idx" ON "search_entry" USING gin ("vector") WHERE "kind" = 'INVESTMENT';
CREATE INDEX IF NOT EXISTS "search_entry_investment_title_idx" ON "search_entry" USING gin (to_tsvector('public.search_pl'::regconfig, "title")) WHERE "kind" = 'INVESTMENT' AND "part" = 0;
CREATE INDEX IF NOT EXISTS "search_entry_survey_idx" ON "search_entry" USING gin ("vector") WHERE "kind" = 'SURVEY';
CREATE INDEX IF NOT EXISTS "search_entry_survey_title_idx" ON "search_entry" USING gin (to_tsvector('public.search_pl'::regconfig, "title")) WHERE "kind" = 'SURVEY' AND "part" = 0;
CREATE INDEX IF NOT EXISTS "search_entry_document_idx" ON "search_entry" USING gin ("vector") WHERE "kind" = 'DOCUMENT';
CREATE INDEX IF NOT EXISTS "search_entry_document_title_idx" ON "search_entry" USING gin (to_tsvector('public.search_pl'::regconfig, "title")) WHERE "kind" = 'DOCUMENT' AND "part" = 0;
