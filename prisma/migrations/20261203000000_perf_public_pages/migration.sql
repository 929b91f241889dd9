-- Public pages on large data (issue 11, docs/decisions.md 49).

-- 1. The render cache's version is bumped only by tables whose rows the cached pages show (an
-- allow-list): a survey answer, a session, a search index or document text extraction job, a
-- subscription or a personal-data link no longer empties the cache of every instance. A table a
-- cached page starts to show must be added here (tests/http/page-cache.test.ts lists the others).
CREATE OR REPLACE FUNCTION "content_version_attach"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
  public_tables text[] := ARRAY[
    'accessibility_statement', 'app_user', 'attachment', 'comment', 'comment_report', 'consultation',
    'consultation_district', 'consultation_draft', 'consultation_plan_item', 'consultation_report',
    'consultation_request', 'content_page', 'department', 'district', 'district_event', 'document_html',
    'draft_fragment', 'investment', 'investment_district', 'investment_update', 'knowledge_guide', 'meeting',
    'news', 'remark', 'remark_group', 'report_pdf', 'request_paper_list', 'request_support', 'survey',
    'survey_option', 'survey_question', 'topic'];
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    IF t = ANY (public_tables) THEN
      IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = format('public.%I', t)::regclass AND tgname = 'content_version_bump') THEN
        EXECUTE format('CREATE CONSTRAINT TRIGGER content_version_bump AFTER INSERT OR UPDATE OR DELETE ON public.%I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_version_bump()', t);
        EXECUTE format('CREATE TRIGGER content_version_truncate AFTER TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump()', t);
      END IF;
    ELSE
      EXECUTE format('DROP TRIGGER IF EXISTS content_version_bump ON public.%I', t);
      EXECUTE format('DROP TRIGGER IF EXISTS content_version_truncate ON public.%I', t);
    END IF;
  END LOOP;
END $$;

SELECT "content_version_attach"();

-- 2. The consultation list counts its phases over every published consultation, its filter needs the
-- first and last year, and a district page looks for the open and planned ones: an index of the columns
-- they read, led by the state and the end (an open or planned consultation ends in the future), answers
-- them by index ranges and index-only scans instead of reading the 2 kB rows of the whole table.
CREATE INDEX "consultation_state_ends_at_starts_at_published_at_idx" ON "consultation"("state", "ends_at", "starts_at", "published_at");

-- 3. Public survey results sum the counts of all days: survey_tally_total keeps them without the day
-- (per question, shard, option and value), kept by the same statement triggers, so the results page
-- sums a few hundred rows instead of tens of thousands (one per day) for a survey with a million answers.
CREATE TABLE "survey_tally_total" (
    "question_id" INTEGER NOT NULL,
    "shard" SMALLINT NOT NULL,
    "option_key" INTEGER NOT NULL,
    "value_key" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "survey_tally_total_pkey" PRIMARY KEY ("question_id", "shard", "option_key", "value_key")
);
ALTER TABLE "survey_tally_total" ADD CONSTRAINT "survey_tally_total_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION survey_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows locked in key order, so two submissions never wait on each other in a cycle.
  WITH g AS MATERIALIZED (SELECT * FROM survey_tally_groups(ARRAY(SELECT t::survey_answer FROM new_answers t))),
  daily AS (
    INSERT INTO survey_tally (question_id, day, shard, option_key, value_key, n)
    SELECT g.question_id, g.day, g.shard, g.option_key, g.value_key, g.n FROM g
     ORDER BY g.question_id, g.day, g.shard, g.option_key, g.value_key
    ON CONFLICT (question_id, day, shard, option_key, value_key) DO UPDATE SET n = survey_tally.n + EXCLUDED.n
  )
  INSERT INTO survey_tally_total (question_id, shard, option_key, value_key, n)
  SELECT g.question_id, g.shard, g.option_key, g.value_key, sum(g.n)::int FROM g
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (question_id, shard, option_key, value_key) DO UPDATE SET n = survey_tally_total.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION survey_tally_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The groups need the response's date: a response being deleted first deletes its answers, so they
  -- are counted out while it still exists. A deleted question takes its counts with it.
  WITH g AS MATERIALIZED (SELECT * FROM survey_tally_groups(ARRAY(SELECT o::survey_answer FROM old_answers o))),
  daily AS (
    UPDATE survey_tally t SET n = t.n - d.n
      FROM (SELECT * FROM g ORDER BY 1, 2, 3, 4, 5) d
     WHERE t.question_id = d.question_id AND t.day = d.day AND t.shard = d.shard AND t.option_key = d.option_key AND t.value_key = d.value_key
  )
  UPDATE survey_tally_total t SET n = t.n - d.n
    FROM (SELECT question_id, shard, option_key, value_key, sum(n)::int AS n FROM g GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) d
   WHERE t.question_id = d.question_id AND t.shard = d.shard AND t.option_key = d.option_key AND t.value_key = d.value_key;
  RETURN NULL;
END $$;

-- The totals of the counts already kept.
INSERT INTO survey_tally_total (question_id, shard, option_key, value_key, n)
SELECT question_id, shard, option_key, value_key, sum(n)::int FROM survey_tally GROUP BY 1, 2, 3, 4;
