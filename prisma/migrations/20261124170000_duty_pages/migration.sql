-- Duty pages (issue 12): the accessibility statement in structured columns (one row) and the
-- editable Markdown pages (privacy policy, rules, contact, about). Default content is written by
-- the base seed when missing, never over an administrator's edits.

CREATE TYPE "AccessibilityStatus" AS ENUM ('COMPLIANT', 'PARTIALLY_COMPLIANT', 'NON_COMPLIANT');

CREATE TABLE "accessibility_statement" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "entity_name" VARCHAR(300) NOT NULL,
    "site_name" VARCHAR(300) NOT NULL,
    "site_url" VARCHAR(300) NOT NULL,
    "published_on" DATE NOT NULL,
    "updated_on" DATE NOT NULL,
    "status" "AccessibilityStatus" NOT NULL,
    "non_accessible" TEXT NOT NULL DEFAULT '',
    "prepared_on" DATE NOT NULL,
    "assessment" VARCHAR(500) NOT NULL DEFAULT '',
    "auditor" VARCHAR(300) NOT NULL DEFAULT '',
    "contact_name" VARCHAR(200) NOT NULL,
    "contact_email" VARCHAR(254) NOT NULL,
    "contact_phone" VARCHAR(60) NOT NULL,
    "architecture_md" TEXT NOT NULL DEFAULT '',
    "architecture_html" TEXT NOT NULL DEFAULT '',
    "mobile_apps_md" TEXT NOT NULL DEFAULT '',
    "mobile_apps_html" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "accessibility_statement_pkey" PRIMARY KEY ("id"),
    -- One statement per portal.
    CONSTRAINT "accessibility_statement_single_row_check" CHECK ("id" = 1)
);

CREATE TABLE "content_page" (
    "slug" VARCHAR(60) NOT NULL,
    "body_md" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "content_page_pkey" PRIMARY KEY ("slug")
);
