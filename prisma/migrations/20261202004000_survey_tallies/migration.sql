-- Survey results from running counts instead of a GROUP BY over every answer (issue 11: results over
-- 1,000,000 answers within 250 ms). survey_tally holds, per question, Warsaw day and shard, how many
-- answer rows have each (option, value) -- exactly the groups the results used to compute -- plus one
-- row per question with option_key = -1 counting the responses that answered it at all.
--   option_key: the option's id, 0 for none (scale, number, text, "Inne, jakie?"), -1 for respondents
--   value_key:  the value, or -2147483648 for none (values are limited to +-1,000,000,000)
--   day:        the Warsaw date of the response, so staff date filters (whole days) read counts too
--   shard:      response id % 4, so simultaneous submissions seldom wait on the same counter row
-- Statement-level triggers keep the counts in the transaction that writes or deletes the answers,
-- whoever writes them (the form, the demo data, a cascade), with one grouped upsert per statement.
CREATE TABLE "survey_tally" (
    "question_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "shard" SMALLINT NOT NULL,
    "option_key" INTEGER NOT NULL,
    "value_key" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "survey_tally_pkey" PRIMARY KEY ("question_id", "day", "shard", "option_key", "value_key")
);
ALTER TABLE "survey_tally" ADD CONSTRAINT "survey_tally_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The groups of a set of answer rows (a statement's new or old rows), keyed as in survey_tally.
CREATE FUNCTION survey_tally_groups(answers survey_answer[]) RETURNS TABLE (question_id INTEGER, day DATE, shard SMALLINT, option_key INTEGER, value_key INTEGER, n INTEGER)
LANGUAGE sql STABLE AS $$
  WITH a AS (
    SELECT x.response_id, x.question_id, x.option_id, x.value, (r.submitted_at AT TIME ZONE 'Europe/Warsaw')::date AS day
      FROM unnest(answers) x JOIN survey_response r ON r.id = x.response_id
  )
  SELECT question_id, day, (response_id % 4)::smallint, COALESCE(option_id, 0), COALESCE(value, -2147483648), count(*)::int
    FROM a GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT question_id, day, (response_id % 4)::smallint, -1, -2147483648, count(DISTINCT response_id)::int
    FROM a GROUP BY 1, 2, 3
$$;

CREATE FUNCTION survey_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows locked in key order, so two submissions never wait on each other in a cycle.
  INSERT INTO survey_tally (question_id, day, shard, option_key, value_key, n)
  SELECT g.* FROM survey_tally_groups(ARRAY(SELECT t::survey_answer FROM new_answers t)) g
   ORDER BY g.question_id, g.day, g.shard, g.option_key, g.value_key
  ON CONFLICT (question_id, day, shard, option_key, value_key) DO UPDATE SET n = survey_tally.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION survey_tally_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The groups need the response's date: a response being deleted first deletes its answers (below),
  -- so they are counted out while it still exists. A deleted question takes its counts with it.
  UPDATE survey_tally t SET n = t.n - g.n
    FROM (SELECT * FROM survey_tally_groups(ARRAY(SELECT o::survey_answer FROM old_answers o)) ORDER BY 1, 2, 3, 4, 5) g
   WHERE t.question_id = g.question_id AND t.day = g.day AND t.shard = g.shard AND t.option_key = g.option_key AND t.value_key = g.value_key;
  RETURN NULL;
END $$;

CREATE TRIGGER survey_answer_tally_add AFTER INSERT ON "survey_answer"
  REFERENCING NEW TABLE AS new_answers FOR EACH STATEMENT EXECUTE FUNCTION survey_tally_add();
CREATE TRIGGER survey_answer_tally_remove AFTER DELETE ON "survey_answer"
  REFERENCING OLD TABLE AS old_answers FOR EACH STATEMENT EXECUTE FUNCTION survey_tally_remove();

CREATE FUNCTION survey_response_delete_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM survey_answer WHERE response_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER survey_response_tally_remove BEFORE DELETE ON "survey_response" FOR EACH ROW EXECUTE FUNCTION survey_response_delete_answers();

-- Answers are never edited; an UPDATE would silently break the counts, so it is refused.
CREATE FUNCTION survey_answer_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'survey answers are never updated (survey_tally counts them)';
END $$;
CREATE TRIGGER survey_answer_no_update BEFORE UPDATE ON "survey_answer" FOR EACH STATEMENT EXECUTE FUNCTION survey_answer_immutable();

-- The counts of the answers already stored.
INSERT INTO survey_tally (question_id, day, shard, option_key, value_key, n)
SELECT a.question_id, (r.submitted_at AT TIME ZONE 'Europe/Warsaw')::date, (a.response_id % 4)::smallint, COALESCE(a.option_id, 0), COALESCE(a.value, -2147483648), count(*)::int
  FROM survey_answer a JOIN survey_response r ON r.id = a.response_id GROUP BY 1, 2, 3, 4, 5
UNION ALL
SELECT a.question_id, (r.submitted_at AT TIME ZONE 'Europe/Warsaw')::date, (a.response_id % 4)::smallint, -1, -2147483648, count(DISTINCT a.response_id)::int
  FROM survey_answer a JOIN survey_response r ON r.id = a.response_id GROUP BY 1, 2, 3;
