// Base data (always, idempotent) and demo content (only when asked or on a fresh embedded database).
import type { Db } from './client.js';
import { DEMO_PASSWORD, DEMO_USERS, DEPARTMENTS, DISTRICTS, TOPICS } from './seed-data.js';
import { seedDemoAttachments } from '../features/attachments/attachments.demo.js';
import type { FileStorage } from '../features/attachments/storage.js';
import { seedDemoConsultations } from '../features/consultations/consultations.demo.js';
import { seedDemoComments } from '../features/comments/comments.demo.js';
import { seedContent } from '../features/content/content.service.js';
import { seedGuides } from '../features/content/knowledge.service.js';
import { seedDemoDistricts } from '../features/news/news.demo.js';
import { seedDemoSurveys } from '../features/surveys/surveys.demo.js';
import { seedDemoInvestments } from '../features/investments/investments.demo.js';
import { seedDemoRequests } from '../features/requests/requests.demo.js';
import { seedDemoRemarks } from '../features/remarks/remarks.demo.js';
import { createStaffUser } from '../features/users/users.service.js';

export async function seedBase(db: Db): Promise<void> {
  await db.$transaction([
    ...DEPARTMENTS.map((d) => db.department.upsert({ where: { code: d.code }, create: d, update: {} })),
    ...DISTRICTS.map((d) => db.district.upsert({ where: { slug: d.slug }, create: d, update: {} })),
    ...TOPICS.map((topic) => db.topic.upsert({ where: { slug: topic.slug }, create: topic, update: {} })),
  ]);
  await seedContent(db);
  await seedGuides(db);
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * Creates the demo staff accounts and content that do not exist yet; returns the accounts' e-mails.
 * With a file storage, the demo consultation's documents and photos are stored too.
 */
export async function seedDemo(db: Db, now = new Date(), storage?: FileStorage): Promise<string[]> {
  await seedBase(db);
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    if (await db.user.findUnique({ where: { email: demo.email }, select: { id: true } })) continue;
    await createStaffUser(db, {
      email: demo.email,
      name: demo.name,
      password: DEMO_PASSWORD,
      role: demo.role,
      departmentCode: 'departmentCode' in demo ? demo.departmentCode : undefined,
      districtSlug: 'districtSlug' in demo ? demo.districtSlug : undefined,
    });
    created.push(demo.email);
  }
  await seedDemoConsultations(db, now);
  await seedDemoComments(db, now);
  await seedDemoRemarks(db, now);
  if (storage) await seedDemoAttachments(db, storage);
  await seedDemoDistricts(db, now, storage);
  await seedDemoInvestments(db, now, storage);
  await seedDemoRequests(db, now);
  await seedDemoSurveys(db, now);
  return created;
}
