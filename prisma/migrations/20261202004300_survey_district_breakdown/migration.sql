-- Results by district (issue 5): a survey may ask the respondent's district; staff see a breakdown.
ALTER TABLE "survey" ADD COLUMN "ask_district" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "survey_response" ADD COLUMN "district_id" INTEGER;
CREATE INDEX "survey_response_survey_id_district_id_idx" ON "survey_response"("survey_id", "district_id");
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE SET NULL ON UPDATE CASCADE;
