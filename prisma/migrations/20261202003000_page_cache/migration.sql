-- Coherent render cache (docs/decisions.md 36): one version number every instance reads, bumped in the
-- same transaction as any write to a table whose rows public pages show.
CREATE SEQUENCE "content_version_seq";

CREATE TABLE "content_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "content_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "content_version_one_row" CHECK ("id" = 1)
);

INSERT INTO "content_version" ("id", "version") VALUES (1, nextval('content_version_seq'));

-- Runs at commit (a deferred constraint trigger), once per transaction: the row lock on the version is
-- held only while committing, so writers do not queue behind each other's whole transactions. The
-- number comes from a sequence, so it never repeats, even after the table is emptied (tests truncate).
CREATE FUNCTION "content_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('konsultacje.content_bumped', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('konsultacje.content_bumped', 'yes', true);
  INSERT INTO "content_version" ("id", "version", "changed_at") VALUES (1, nextval('content_version_seq'), clock_timestamp())
  ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version", "changed_at" = EXCLUDED."changed_at";
  RETURN NULL;
END $$;

-- Puts the triggers on every table of the public schema except those no public page shows (sessions,
-- throttles, the audit log, mail, single-use tokens, survey answers: written often, shown nowhere
-- public). Idempotent; the app calls it after each migration run, so tables added later get it too.
CREATE FUNCTION "content_version_attach"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = 'public'
      AND tablename NOT IN ('_prisma_migrations', 'content_version', 'session', 'rate_limit', 'audit_log', 'mail_delivery',
                            'subscriber_token', 'staff_token', 'recovery_code', 'survey_answer', 'survey_tally', 'survey_email_token')
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = format('public.%I', t)::regclass AND tgname = 'content_version_bump') THEN
      EXECUTE format('CREATE CONSTRAINT TRIGGER content_version_bump AFTER INSERT OR UPDATE OR DELETE ON public.%I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_version_bump()', t);
      EXECUTE format('CREATE TRIGGER content_version_truncate AFTER TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump()', t);
    END IF;
  END LOOP;
END $$;

SELECT "content_version_attach"();

-- Query hygiene on large data (bench/public-pages.ts): the list's search looks in the summary too.
CREATE INDEX "consultation_summary_trgm_idx" ON "consultation" USING gin (f_unaccent(lower("summary")) gin_trgm_ops);
