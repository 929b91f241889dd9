-- Residents' single-use links to their personal data (RODO art. 15 and 17).
CREATE TABLE "personal_data_token" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "token_hash" VARCHAR(64),
    "expires_at" TIMESTAMPTZ(3),
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "personal_data_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "personal_data_token_token_hash_key" ON "personal_data_token"("token_hash");
CREATE INDEX "personal_data_token_created_at_idx" ON "personal_data_token"("created_at");
