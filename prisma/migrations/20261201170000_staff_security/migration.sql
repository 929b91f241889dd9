-- Staff accounts and security (issue 10): invitations without default passwords, set-password links,
-- TOTP two-factor login with recovery codes, and a per-role two-factor requirement.
ALTER TABLE "app_user" ALTER COLUMN "password_hash" DROP NOT NULL;
ALTER TABLE "app_user" ADD COLUMN "password_changed_at" TIMESTAMPTZ(3);
ALTER TABLE "app_user" ADD COLUMN "totp_secret" VARCHAR(64);
ALTER TABLE "app_user" ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(3);
ALTER TABLE "app_user" ADD COLUMN "totp_last_step" BIGINT;

CREATE TYPE "StaffTokenPurpose" AS ENUM ('INVITE', 'RESET');

CREATE TABLE "staff_token" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "purpose" "StaffTokenPurpose" NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "staff_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_token_token_hash_key" ON "staff_token"("token_hash");
CREATE INDEX "staff_token_user_id_idx" ON "staff_token"("user_id");
ALTER TABLE "staff_token" ADD CONSTRAINT "staff_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "recovery_code" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "recovery_code_user_id_idx" ON "recovery_code"("user_id");
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "role_security_policy" (
    "role" "Role" NOT NULL,
    "require_two_factor" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "role_security_policy_pkey" PRIMARY KEY ("role")
);

-- The audit log viewer filters by action and by date.
CREATE INDEX "audit_log_action_created_at_idx" ON "audit_log"("action", "created_at");
