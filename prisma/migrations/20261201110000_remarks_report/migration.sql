-- Remarks (uwagi) from every channel with one answer each, groups of similar remarks, versions of the
-- draft document split into fragments, and the staff-written parts of the report (issue 6).
CREATE TYPE "RemarkChannel" AS ENUM ('ONLINE', 'EMAIL', 'PAPER', 'MEETING');
CREATE TYPE "RemarkAuthorKind" AS ENUM ('PERSON', 'INSTITUTION');
CREATE TYPE "RemarkPosition" AS ENUM ('ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED', 'EXPLANATION', 'OUT_OF_SCOPE');

CREATE TABLE "consultation_draft" (
    "id" SERIAL NOT NULL,
    "consultation_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" VARCHAR(300) NOT NULL DEFAULT '',
    "source_md" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consultation_draft_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "consultation_draft_consultation_id_version_key" ON "consultation_draft"("consultation_id", "version");
ALTER TABLE "consultation_draft" ADD CONSTRAINT "consultation_draft_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "draft_fragment" (
    "id" SERIAL NOT NULL,
    "draft_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "anchor" VARCHAR(120) NOT NULL,
    "label" VARCHAR(200) NOT NULL DEFAULT '',
    "level" INTEGER NOT NULL DEFAULT 4,
    "html" TEXT NOT NULL,
    CONSTRAINT "draft_fragment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "draft_fragment_draft_id_anchor_key" ON "draft_fragment"("draft_id", "anchor");
CREATE INDEX "draft_fragment_draft_id_position_idx" ON "draft_fragment"("draft_id", "position");
ALTER TABLE "draft_fragment" ADD CONSTRAINT "draft_fragment_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "consultation_draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "remark_group" (
    "id" SERIAL NOT NULL,
    "consultation_id" INTEGER NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "remark_group_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "remark_group_consultation_id_idx" ON "remark_group"("consultation_id");
ALTER TABLE "remark_group" ADD CONSTRAINT "remark_group_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "remark" (
    "id" SERIAL NOT NULL,
    "consultation_id" INTEGER NOT NULL,
    "reference" VARCHAR(30) NOT NULL,
    "channel" "RemarkChannel" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "draft_id" INTEGER,
    "fragment_anchor" VARCHAR(120),
    "part" VARCHAR(300) NOT NULL DEFAULT '',
    "content" VARCHAR(5000) NOT NULL,
    "proposal" VARCHAR(5000) NOT NULL DEFAULT '',
    "justification" VARCHAR(5000) NOT NULL DEFAULT '',
    "author_kind" "RemarkAuthorKind" NOT NULL,
    "author_name" VARCHAR(200) NOT NULL DEFAULT '',
    "email" VARCHAR(254),
    "resident_declared" BOOLEAN NOT NULL DEFAULT false,
    "group_id" INTEGER,
    "position" "RemarkPosition",
    "answer" VARCHAR(5000) NOT NULL DEFAULT '',
    "answered_at" TIMESTAMPTZ(3),
    "answered_by_id" INTEGER,
    "entered_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "remark_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "remark_reference_key" ON "remark"("reference");
CREATE INDEX "remark_consultation_id_id_idx" ON "remark"("consultation_id", "id");
CREATE INDEX "remark_draft_id_fragment_anchor_idx" ON "remark"("draft_id", "fragment_anchor");
CREATE INDEX "remark_group_id_idx" ON "remark"("group_id");
ALTER TABLE "remark" ADD CONSTRAINT "remark_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "remark" ADD CONSTRAINT "remark_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "consultation_draft"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "remark" ADD CONSTRAINT "remark_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "remark_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "remark" ADD CONSTRAINT "remark_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "remark" ADD CONSTRAINT "remark_entered_by_id_fkey" FOREIGN KEY ("entered_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- An institution is always named; a position always comes with its justification.
ALTER TABLE "remark" ADD CONSTRAINT "remark_institution_named_check" CHECK ("author_kind" = 'PERSON' OR "author_name" <> '');
ALTER TABLE "remark" ADD CONSTRAINT "remark_answer_check" CHECK ("position" IS NULL OR "answer" <> '');

CREATE TABLE "consultation_report" (
    "consultation_id" INTEGER NOT NULL,
    "informed_md" TEXT NOT NULL DEFAULT '',
    "informed_html" TEXT NOT NULL DEFAULT '',
    "conclusions_md" TEXT NOT NULL DEFAULT '',
    "conclusions_html" TEXT NOT NULL DEFAULT '',
    "decision_md" TEXT NOT NULL DEFAULT '',
    "decision_html" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consultation_report_pkey" PRIMARY KEY ("consultation_id")
);
ALTER TABLE "consultation_report" ADD CONSTRAINT "consultation_report_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
