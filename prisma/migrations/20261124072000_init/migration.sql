-- Core models: departments, districts, staff users, sessions, rate limits, audit log.
CREATE TYPE "Role" AS ENUM ('ADMIN', 'DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR');

CREATE TABLE "department" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "department_code_key" ON "department"("code");

CREATE TABLE "district" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(80) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "district_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "district_slug_key" ON "district"("slug");

CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "role" "Role" NOT NULL,
    "department_id" INTEGER,
    "district_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"),
    -- A department member belongs to a department, a councillor to a district (not in schema.prisma).
    CONSTRAINT "app_user_scope_check" CHECK (
        ("role" <> 'DEPARTMENT_STAFF' OR "department_id" IS NOT NULL)
        AND ("role" <> 'COUNCILLOR' OR "district_id" IS NOT NULL)
    ),
    -- E-mail addresses are stored lower-case so the unique index is case-insensitive.
    CONSTRAINT "app_user_email_lower_check" CHECK ("email" = lower("email"))
);
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");
CREATE INDEX "app_user_department_id_idx" ON "app_user"("department_id");
CREATE INDEX "app_user_district_id_idx" ON "app_user"("district_id");
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,
    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);
CREATE INDEX "IDX_session_expire" ON "session"("expire");

CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER,
    "action" VARCHAR(80) NOT NULL,
    "entity_type" VARCHAR(60),
    "entity_id" VARCHAR(60),
    "details" JSONB,
    "ip" VARCHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");
CREATE INDEX "audit_log_user_id_created_at_idx" ON "audit_log"("user_id", "created_at");
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
