-- Followers of a consultation hear when it is cancelled or postponed (notifications): the state
-- they were last told about; the per-minute sweep notices when it differs from the state. Nothing
-- is announced for states set before this arrived.
ALTER TABLE "consultation" ADD COLUMN "announced_state" "ConsultationState" NOT NULL DEFAULT 'ACTIVE';
UPDATE "consultation" SET "announced_state" = "state";
