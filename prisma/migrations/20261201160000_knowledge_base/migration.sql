-- The knowledge base: guides for residents and staff, each an editable Markdown page with attachments.
CREATE TYPE "GuideAudience" AS ENUM ('RESIDENTS', 'STAFF');

CREATE TABLE "knowledge_guide" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "summary" VARCHAR(500) NOT NULL DEFAULT '',
    "audience" "GuideAudience" NOT NULL,
    "body_md" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "knowledge_guide_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "knowledge_guide_slug_key" ON "knowledge_guide"("slug");
CREATE INDEX "knowledge_guide_audience_position_idx" ON "knowledge_guide"("audience", "position");

-- A guide's files are attachments of a further owner; still exactly one owner per file. The check is
-- rebuilt over every owner column present, so it stays right whichever other owner's migration
-- (investments add one too) is applied before this one.
ALTER TABLE "attachment" ADD COLUMN "guide_id" INTEGER;
DO $$
DECLARE owners text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY column_name) INTO owners
    FROM information_schema.columns
   WHERE table_schema = current_schema() AND table_name = 'attachment'
     AND column_name IN ('consultation_id', 'news_id', 'investment_id', 'guide_id');
  ALTER TABLE "attachment" DROP CONSTRAINT "attachment_owner_check";
  EXECUTE format('ALTER TABLE "attachment" ADD CONSTRAINT "attachment_owner_check" CHECK (num_nonnulls(%s) = 1)', owners);
END $$;
CREATE INDEX "attachment_guide_id_kind_position_idx" ON "attachment"("guide_id", "kind", "position");
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_guide_id_fkey" FOREIGN KEY ("guide_id") REFERENCES "knowledge_guide"("id") ON DELETE CASCADE ON UPDATE CASCADE;
