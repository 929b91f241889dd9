-- Surveys and quick polls: questions, options, responses with one row per answer (results are
-- GROUP BYs), and the one-time links of "one per verified e-mail".
CREATE TYPE "SurveyKind" AS ENUM ('SURVEY', 'POLL');
CREATE TYPE "SurveyParticipation" AS ENUM ('OPEN', 'ONE_PER_BROWSER', 'ONE_PER_EMAIL');
CREATE TYPE "SurveyResultsVisibility" AS ENUM ('LIVE', 'AFTER_CLOSE', 'STAFF_ONLY');
CREATE TYPE "SurveyQuestionType" AS ENUM ('SINGLE', 'MULTIPLE', 'SHORT_TEXT', 'LONG_TEXT', 'SCALE', 'NUMBER', 'RANKING', 'MATRIX');

CREATE TABLE "survey" (
    "id" SERIAL NOT NULL,
    "kind" "SurveyKind" NOT NULL DEFAULT 'SURVEY',
    "title" VARCHAR(300) NOT NULL,
    "intro_md" TEXT NOT NULL DEFAULT '',
    "intro_html" TEXT NOT NULL DEFAULT '',
    "thank_you" VARCHAR(2000) NOT NULL DEFAULT '',
    "department_id" INTEGER NOT NULL,
    "consultation_id" INTEGER,
    "opens_at" TIMESTAMPTZ(3) NOT NULL,
    "closes_at" TIMESTAMPTZ(3) NOT NULL,
    "participation" "SurveyParticipation" NOT NULL DEFAULT 'ONE_PER_BROWSER',
    "results_visibility" "SurveyResultsVisibility" NOT NULL DEFAULT 'AFTER_CLOSE',
    "on_home_page" BOOLEAN NOT NULL DEFAULT false,
    "copied_from_id" INTEGER,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "survey_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "survey_dates_check" CHECK ("closes_at" > "opens_at")
);
CREATE INDEX "survey_department_id_idx" ON "survey"("department_id");
CREATE INDEX "survey_consultation_id_idx" ON "survey"("consultation_id");
CREATE INDEX "survey_opens_at_closes_at_idx" ON "survey"("opens_at", "closes_at");
ALTER TABLE "survey" ADD CONSTRAINT "survey_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "survey" ADD CONSTRAINT "survey_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "survey" ADD CONSTRAINT "survey_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "survey_question" (
    "id" SERIAL NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "type" "SurveyQuestionType" NOT NULL,
    "text" VARCHAR(500) NOT NULL,
    "hint" VARCHAR(1000) NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "allow_other" BOOLEAN NOT NULL DEFAULT false,
    "min_choices" INTEGER,
    "max_choices" INTEGER,
    "max_length" INTEGER,
    "min_value" INTEGER,
    "max_value" INTEGER,
    "min_label" VARCHAR(100) NOT NULL DEFAULT '',
    "max_label" VARCHAR(100) NOT NULL DEFAULT '',
    "show_if_question_id" INTEGER,
    "show_if_option_id" INTEGER,
    CONSTRAINT "survey_question_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "survey_question_survey_id_position_idx" ON "survey_question"("survey_id", "position");

CREATE TABLE "survey_option" (
    "id" SERIAL NOT NULL,
    "question_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "label" VARCHAR(300) NOT NULL,
    CONSTRAINT "survey_option_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "survey_option_question_id_position_idx" ON "survey_option"("question_id", "position");

ALTER TABLE "survey_question" ADD CONSTRAINT "survey_question_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "survey_question" ADD CONSTRAINT "survey_question_show_if_question_id_fkey" FOREIGN KEY ("show_if_question_id") REFERENCES "survey_question"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "survey_question" ADD CONSTRAINT "survey_question_show_if_option_id_fkey" FOREIGN KEY ("show_if_option_id") REFERENCES "survey_option"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "survey_option" ADD CONSTRAINT "survey_option_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "survey_response" (
    "id" SERIAL NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "browser_key" VARCHAR(64),
    "email_key" VARCHAR(64),
    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "survey_response_survey_id_browser_key_key" ON "survey_response"("survey_id", "browser_key");
CREATE UNIQUE INDEX "survey_response_survey_id_email_key_key" ON "survey_response"("survey_id", "email_key");
CREATE INDEX "survey_response_survey_id_submitted_at_idx" ON "survey_response"("survey_id", "submitted_at");
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "survey_answer" (
    "id" SERIAL NOT NULL,
    "response_id" INTEGER NOT NULL,
    "question_id" INTEGER NOT NULL,
    "option_id" INTEGER,
    "value" INTEGER,
    "text" TEXT,
    CONSTRAINT "survey_answer_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "survey_answer_question_id_option_id_idx" ON "survey_answer"("question_id", "option_id");
CREATE INDEX "survey_answer_response_id_idx" ON "survey_answer"("response_id");
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "survey_response"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "survey_option"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "survey_email_token" (
    "id" SERIAL NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "token_hash" VARCHAR(64),
    "email_key" VARCHAR(64) NOT NULL,
    "email" VARCHAR(254),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "survey_email_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "survey_email_token_token_hash_key" ON "survey_email_token"("token_hash");
CREATE INDEX "survey_email_token_survey_id_email_key_idx" ON "survey_email_token"("survey_id", "email_key");
ALTER TABLE "survey_email_token" ADD CONSTRAINT "survey_email_token_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
