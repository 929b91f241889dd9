-- Long surveys in steps (issue 5): a question may begin a new step of the form.
ALTER TABLE "survey_question" ADD COLUMN "starts_step" BOOLEAN NOT NULL DEFAULT false;
