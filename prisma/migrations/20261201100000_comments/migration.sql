-- Discussion (issue 6): residents' comments confirmed by an e-mail link, one level of replies, the
-- city's answers, reports and moderation (after publication by default, or before it per consultation).
CREATE TYPE "CommentStatus" AS ENUM ('UNCONFIRMED', 'PENDING', 'PUBLISHED', 'HIDDEN');

ALTER TABLE "consultation" ADD COLUMN "comments_premoderated" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "comment" (
    "id" SERIAL NOT NULL,
    "consultation_id" INTEGER NOT NULL,
    "parent_id" INTEGER,
    "author_name" VARCHAR(120) NOT NULL,
    "full_name_consent" BOOLEAN NOT NULL DEFAULT false,
    "official" BOOLEAN NOT NULL DEFAULT false,
    "user_id" INTEGER,
    "email" VARCHAR(254),
    "body" VARCHAR(2000) NOT NULL,
    "fragment_anchor" TEXT,
    "status" "CommentStatus" NOT NULL,
    "hidden_reason" VARCHAR(500) NOT NULL DEFAULT '',
    "confirm_token_hash" VARCHAR(64),
    "confirm_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "moderated_at" TIMESTAMPTZ(3),
    CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "comment_confirm_token_hash_key" ON "comment"("confirm_token_hash");
CREATE INDEX "comment_consultation_id_created_at_idx" ON "comment"("consultation_id", "created_at");
CREATE INDEX "comment_parent_id_created_at_idx" ON "comment"("parent_id", "created_at");
CREATE INDEX "comment_status_created_at_idx" ON "comment"("status", "created_at");
CREATE INDEX "comment_user_id_idx" ON "comment"("user_id");
ALTER TABLE "comment" ADD CONSTRAINT "comment_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "comment" ADD CONSTRAINT "comment_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "comment" ADD CONSTRAINT "comment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "comment_report" (
    "id" SERIAL NOT NULL,
    "comment_id" INTEGER NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "comment_report_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "comment_report_comment_id_idx" ON "comment_report"("comment_id");
CREATE INDEX "comment_report_resolved_at_created_at_idx" ON "comment_report"("resolved_at", "created_at");
ALTER TABLE "comment_report" ADD CONSTRAINT "comment_report_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
