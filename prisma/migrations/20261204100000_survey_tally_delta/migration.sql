-- Survey submissions no longer update the running counts themselves (decision 52). Every submission of
-- the same survey upserted the same ~40 counter rows in survey_tally and ~40 in survey_tally_total, so
-- simultaneous submissions waited on each other's row locks until commit, and 80 upserts were most of
-- the statement's time. Now the answers' statement trigger appends its grouped counts to
-- survey_tally_delta (inserts only: no row another transaction holds), and survey_tally_fold() moves the
-- committed deltas into the counters in one transaction (each app instance calls it every second).
-- Readers sum the counters and the deltas not folded yet in one statement, so results stay exact: a fold
-- commits both sides at once, and a delta still being written is not visible to either.
CREATE TABLE "survey_tally_delta" (
    "id" BIGSERIAL NOT NULL,
    "question_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "option_key" INTEGER NOT NULL,
    "value_key" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "survey_tally_delta_pkey" PRIMARY KEY ("id")
);
-- No foreign key (checked 40 times a submission): the fold drops the deltas of a deleted question.

-- A statement's new answers: their groups, appended (respondents counted per statement, as before).
CREATE OR REPLACE FUNCTION survey_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO survey_tally_delta (question_id, day, option_key, value_key, n)
  SELECT g.question_id, g.day, g.option_key, g.value_key, sum(g.n)::int
    FROM survey_tally_groups(ARRAY(SELECT t::survey_answer FROM new_answers t)) g GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

-- Deleted answers: the same groups with a minus, appended too (their additions may not be folded yet).
CREATE OR REPLACE FUNCTION survey_tally_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO survey_tally_delta (question_id, day, option_key, value_key, n)
  SELECT g.question_id, g.day, g.option_key, g.value_key, -sum(g.n)::int
    FROM survey_tally_groups(ARRAY(SELECT o::survey_answer FROM old_answers o)) g GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

-- Moves the committed deltas into the counters (shard 0; the shard is only summed over) and returns how
-- many it moved. One fold at a time (another instance's fold in progress: this one does nothing); rows
-- upserted in key order. A delta committed while this runs stays for the next fold.
CREATE FUNCTION survey_tally_fold() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('survey_tally_fold')) THEN
    RETURN 0;
  END IF;
  WITH d AS (
    DELETE FROM survey_tally_delta RETURNING question_id, day, option_key, value_key, n
  ), g AS MATERIALIZED (
    SELECT d.question_id, d.day, d.option_key, d.value_key, sum(d.n)::int AS n
      FROM d JOIN survey_question q ON q.id = d.question_id GROUP BY 1, 2, 3, 4
  ), daily AS (
    INSERT INTO survey_tally (question_id, day, shard, option_key, value_key, n)
    SELECT question_id, day, 0, option_key, value_key, n FROM g ORDER BY 1, 2, 4, 5
    ON CONFLICT (question_id, day, shard, option_key, value_key) DO UPDATE SET n = survey_tally.n + EXCLUDED.n
  ), total AS (
    INSERT INTO survey_tally_total (question_id, shard, option_key, value_key, n)
    SELECT question_id, 0, option_key, value_key, sum(n)::int FROM g GROUP BY 1, 3, 4 ORDER BY 1, 3, 4
    ON CONFLICT (question_id, shard, option_key, value_key) DO UPDATE SET n = survey_tally_total.n + EXCLUDED.n
  )
  SELECT count(*)::int INTO moved FROM d;
  RETURN moved;
END $$;
