-- E-mail notifications (issue 8): residents' subscriptions with double opt-in, the tokens of the
-- links in their messages (hashes only), a ledger that keeps each e-mail from being queued twice,
-- when each consultation was announced, and the staff's digest opt-out.
-- The job queue itself (pg-boss) creates and migrates its own schema "pgboss" at start-up.

CREATE TYPE "NotifyScope" AS ENUM ('NONE', 'ALL', 'CHOSEN');
CREATE TYPE "SubscriberTokenPurpose" AS ENUM ('CONFIRM', 'MANAGE');

-- Only the e-mail address and the choices (RODO: the minimum); confirmed_at is null until the
-- confirmation link is used, and unconfirmed rows are deleted once that link has expired.
CREATE TABLE "subscriber" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "new_consultations" "NotifyScope" NOT NULL DEFAULT 'NONE',
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "subscriber_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscriber_email_lower_check" CHECK ("email" = lower("email"))
);
CREATE UNIQUE INDEX "subscriber_email_key" ON "subscriber"("email");
CREATE INDEX "subscriber_created_at_idx" ON "subscriber"("created_at");

CREATE TABLE "subscriber_district" (
    "subscriber_id" INTEGER NOT NULL,
    "district_id" INTEGER NOT NULL,
    CONSTRAINT "subscriber_district_pkey" PRIMARY KEY ("subscriber_id", "district_id")
);
CREATE INDEX "subscriber_district_district_id_idx" ON "subscriber_district"("district_id");
ALTER TABLE "subscriber_district" ADD CONSTRAINT "subscriber_district_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscriber_district" ADD CONSTRAINT "subscriber_district_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "subscriber_topic" (
    "subscriber_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,
    CONSTRAINT "subscriber_topic_pkey" PRIMARY KEY ("subscriber_id", "topic_id")
);
CREATE INDEX "subscriber_topic_topic_id_idx" ON "subscriber_topic"("topic_id");
ALTER TABLE "subscriber_topic" ADD CONSTRAINT "subscriber_topic_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscriber_topic" ADD CONSTRAINT "subscriber_topic_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Consultations whose updates (a new meeting, a cancellation, the report) a subscriber follows.
CREATE TABLE "subscriber_consultation" (
    "subscriber_id" INTEGER NOT NULL,
    "consultation_id" INTEGER NOT NULL,
    CONSTRAINT "subscriber_consultation_pkey" PRIMARY KEY ("subscriber_id", "consultation_id")
);
CREATE INDEX "subscriber_consultation_consultation_id_idx" ON "subscriber_consultation"("consultation_id");
ALTER TABLE "subscriber_consultation" ADD CONSTRAINT "subscriber_consultation_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscriber_consultation" ADD CONSTRAINT "subscriber_consultation_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Links in messages carry a random token; only its SHA-256 is stored. A confirmation token
-- expires and is deleted when used; it may carry a consultation to follow once confirmed.
CREATE TABLE "subscriber_token" (
    "id" SERIAL NOT NULL,
    "subscriber_id" INTEGER NOT NULL,
    "purpose" "SubscriberTokenPurpose" NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "consultation_id" INTEGER,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "subscriber_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "subscriber_token_token_hash_key" ON "subscriber_token"("token_hash");
CREATE INDEX "subscriber_token_subscriber_id_idx" ON "subscriber_token"("subscriber_id");
ALTER TABLE "subscriber_token" ADD CONSTRAINT "subscriber_token_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscriber_token" ADD CONSTRAINT "subscriber_token_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per e-mail ever queued, keyed by what makes it unique ("announce:12:34"): inserted in
-- the same transaction as its job, so a second attempt to queue the same e-mail finds the row.
-- sent_at is set after the SMTP server (or the outbox) took the message.
CREATE TABLE "mail_delivery" (
    "dedupe_key" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "mail_delivery_pkey" PRIMARY KEY ("dedupe_key")
);
CREATE INDEX "mail_delivery_created_at_idx" ON "mail_delivery"("created_at");

-- Set when subscribers were told about a consultation that became public (now or as scheduled).
ALTER TABLE "consultation" ADD COLUMN "announced_at" TIMESTAMPTZ(3);
-- Consultations already public when this feature arrived are not announced after the fact.
UPDATE "consultation" SET "announced_at" = "published_at" WHERE "published_at" IS NOT NULL AND "published_at" <= CURRENT_TIMESTAMP;
CREATE INDEX "consultation_published_at_announced_at_idx" ON "consultation"("published_at", "announced_at");

-- Staff may turn the daily digest off.
ALTER TABLE "app_user" ADD COLUMN "digest_enabled" BOOLEAN NOT NULL DEFAULT true;
