import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare.js';
import { seedBase, seedDemo } from '../../src/db/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-data.js';
import { verifyPassword } from '../../src/features/auth/passwords.js';
import { useTestApp } from '../helpers/app.js';

const ctx = useTestApp();

describe('seed', () => {
  it('loads the 10 departments and the 20 districts of Częstochowa, and running it again changes nothing', async () => {
    await seedBase(ctx.deps.db);
    await seedBase(ctx.deps.db);
    expect(await ctx.deps.db.department.count()).toBe(10);
    expect(await ctx.deps.db.district.count()).toBe(20);
    expect(await ctx.deps.db.topic.count()).toBe(8);
    expect(await ctx.deps.db.district.findUnique({ where: { slug: 'tysiaclecie' } })).toMatchObject({ name: 'Tysiąclecie' });
    expect(await ctx.deps.db.department.findUnique({ where: { code: 'MZDiT' } })).toMatchObject({ name: 'Miejski Zarząd Dróg i Transportu' });
  });

  it('creates the six demo accounts with the demo password, bound to their department or district', async () => {
    await seedDemo(ctx.deps.db);
    expect(await seedDemo(ctx.deps.db)).toEqual([]);
    const users = await ctx.deps.db.user.findMany({ include: { department: true, district: true }, orderBy: { email: 'asc' } });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get('mzdit@example.org')).toMatchObject({ role: 'DEPARTMENT_STAFF', department: { code: 'MZDiT' } });
    expect(byEmail.get('radny.rakow@example.org')).toMatchObject({ role: 'COUNCILLOR', district: { slug: 'rakow' } });
    expect(await verifyPassword(byEmail.get('admin@example.org')!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(byEmail.get('admin@example.org')!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('loads demo data on a fresh embedded database but never on a database given by DATABASE_URL', async () => {
    const external = await prepareDatabase(ctx.deps.pool, ctx.deps.db, { demo: 'auto', embedded: false });
    expect(external.demoUsers).toEqual([]);
    expect(await ctx.deps.db.user.count()).toBe(0);
    expect(await ctx.deps.db.district.count()).toBe(20);

    const embedded = await prepareDatabase(ctx.deps.pool, ctx.deps.db, { demo: 'auto', embedded: true });
    expect(embedded.demoUsers).toHaveLength(7);
    // A second start on the same data does not touch the accounts again.
    await ctx.deps.db.user.update({ where: { email: 'admin@example.org' }, data: { name: 'Zmieniona' } });
    expect((await prepareDatabase(ctx.deps.pool, ctx.deps.db, { demo: 'auto', embedded: true })).demoUsers).toEqual([]);
    expect((await ctx.deps.db.user.findUnique({ where: { email: 'admin@example.org' } }))?.name).toBe('Zmieniona');
  });
});

describe('demo consultations', () => {
  it('show every status residents can meet, and a draft only staff see', async () => {
    const { statusOf } = await import('../../src/features/consultations/consultation-status.js');
    const now = ctx.clock.now();
    await seedDemo(ctx.deps.db, now);
    await seedDemo(ctx.deps.db, now);
    const all = await ctx.deps.db.consultation.findMany({ include: { meetings: true } });
    expect(all.length).toBeGreaterThanOrEqual(9);
    const statuses = new Set(all.map((c) => statusOf(c, now)));
    for (const status of ['OPEN', 'PLANNED', 'CLOSED', 'CLOSED_PENDING_REPORT', 'CANCELLED', 'POSTPONED', 'DRAFT'] as const) expect(statuses, status).toContain(status);
    expect(new Set(all.map((c) => c.departmentId)).size).toBeGreaterThanOrEqual(5);
    expect(all.find((c) => c.slug === 'zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie')?.startsAt.toISOString()).toBe('2010-04-22T22:00:00.000Z');
    expect(all.some((c) => c.meetings.some((m) => m.startsAt > now))).toBe(true);
  });
});

describe('staff accounts', () => {
  it('explains a duplicate e-mail at the field even when two creations race', async () => {
    const { createStaffUser } = await import('../../src/features/users/users.service.js');
    const { FormError } = await import('../../src/http/errors.js');
    const input = { email: 'Rownolegle@example.org', name: 'Jan Kowalski', password: 'Bardzo-Dlugie-Haslo-1', role: 'ADMIN' as const };
    const results = await Promise.allSettled([createStaffUser(ctx.deps.db, input), createStaffUser(ctx.deps.db, input)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(FormError);
    expect((failure.reason as InstanceType<typeof FormError>).fieldErrors).toEqual({ email: ['validation.email.taken'] });
    expect(await ctx.deps.db.user.count()).toBe(1);
  });
});
