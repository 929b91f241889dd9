-- The render cache's version is also announced (docs/decisions.md 53): every instance LISTENs on
-- content_version and keeps the number in memory instead of asking for it on each request. NOTIFY is
-- delivered at commit, in commit order, and not at all for a transaction rolled back; the payload is
-- "version:changed_at in epoch milliseconds".
CREATE OR REPLACE FUNCTION "content_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped bigint;
  at timestamptz(3);
BEGIN
  IF current_setting('konsultacje.content_bumped', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('konsultacje.content_bumped', 'yes', true);
  INSERT INTO "content_version" ("id", "version", "changed_at") VALUES (1, nextval('content_version_seq'), clock_timestamp())
  ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version", "changed_at" = EXCLUDED."changed_at"
  RETURNING "version", "changed_at" INTO bumped, at;
  PERFORM pg_notify('content_version', bumped::text || ':' || floor(extract(epoch FROM at) * 1000)::bigint::text);
  RETURN NULL;
END $$;
