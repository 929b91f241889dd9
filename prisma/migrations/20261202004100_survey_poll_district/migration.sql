-- A quick poll may sit on a district's page (issue 5): the district staff chose for it.
ALTER TABLE "survey" ADD COLUMN "district_id" INTEGER;
CREATE INDEX "survey_district_id_idx" ON "survey"("district_id");
ALTER TABLE "survey" ADD CONSTRAINT "survey_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE SET NULL ON UPDATE CASCADE;
