import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/features/auth/passwords.js';
import { useTestApp } from '../helpers/app.js';
import { HAS_SCRIPT, runCli, runCliOnTerminal, USER_CREATE } from '../helpers/cli.js';
import { createUser } from '../helpers/factories.js';
import { html, loginAs } from '../helpers/http.js';

const ctx = useTestApp();
const PASSWORD = 'Bardzo-Tajne-Haslo 2026';

function createUserCli(args: string[], stdin = `${PASSWORD}\n`) {
  return runCli(USER_CREATE, args, { env: { DATABASE_URL: ctx.databaseUrl }, stdin });
}

async function expectNothingWritten() {
  expect(await ctx.deps.db.user.count()).toBe(0);
  expect(await ctx.deps.db.auditLog.count()).toBe(0);
}

describe('npm run user:create', () => {
  it('creates an administrator from a piped password, who can then log in, and audit-logs it', async () => {
    const result = await createUserCli(['--email', 'Jan.Kowalski@Czestochowa.pl', '--name', 'Jan Kowalski', '--role', 'ADMIN']);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Created ADMIN jan.kowalski@czestochowa.pl');

    const user = await ctx.deps.db.user.findUniqueOrThrow({ where: { email: 'jan.kowalski@czestochowa.pl' } });
    expect(user).toMatchObject({ name: 'Jan Kowalski', role: 'ADMIN', active: true, departmentId: null, districtId: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(user.passwordHash, 'something else entirely')).toBe(false);

    const entry = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'user.create_cli' } });
    expect(entry).toMatchObject({ userId: null, entityType: 'User', entityId: String(user.id) });
    expect(JSON.stringify(entry.details)).not.toContain(PASSWORD);

    const agent = await loginAs(ctx.app, 'jan.kowalski@czestochowa.pl', PASSWORD);
    const panel = await agent.get('/panel').expect(200);
    expect(html(panel.text)('h1').text()).toContain('Jan Kowalski');
  });

  it('keeps spaces inside the password and drops only the line ending (CRLF too)', async () => {
    const result = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'moderator'], `  ${PASSWORD}\r\nsecond line\n`);
    expect(result.code, result.stderr).toBe(0);
    const user = await ctx.deps.db.user.findUniqueOrThrow({ where: { email: 'anna@example.org' } });
    expect(user.role).toBe('MODERATOR');
    expect(await verifyPassword(user.passwordHash, `  ${PASSWORD}`)).toBe(true);
  });

  it('gives department staff their department and a councillor their district', async () => {
    const staff = await createUserCli(['--email', 'mzdit@example.org', '--name', 'Piotr Kowalski', '--role', 'DEPARTMENT_STAFF', '--department', 'mzdit']);
    expect(staff.code, staff.stderr).toBe(0);
    const councillor = await createUserCli(['--email', 'radny@example.org', '--name', 'Magdalena Kamińska', '--role', 'COUNCILLOR', '--district', 'rakow']);
    expect(councillor.code, councillor.stderr).toBe(0);

    const users = await ctx.deps.db.user.findMany({ select: { email: true, department: { select: { code: true } }, district: { select: { slug: true } } }, orderBy: { email: 'asc' } });
    expect(users).toEqual([
      { email: 'mzdit@example.org', department: { code: 'MZDiT' }, district: null },
      { email: 'radny@example.org', department: null, district: { slug: 'rakow' } },
    ]);
  });

  it('refuses a password shorter than 12 characters, says so in Polish and writes nothing', async () => {
    const result = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'ADMIN'], 'krotkie1\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--password: Hasło musi mieć co najmniej 12 znaków');
    expect(result.stderr).not.toContain('krotkie1');
    await expectNothingWritten();
  });

  it('refuses an empty stdin with "Podaj hasło"', async () => {
    const result = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'ADMIN'], '');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--password: Podaj hasło');
    await expectNothingWritten();
  });

  it('refuses DEPARTMENT_STAFF without --department, and a COUNCILLOR without --district', async () => {
    const staff = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'DEPARTMENT_STAFF']);
    expect(staff.code).toBe(1);
    expect(staff.stderr).toContain('--department: Wybierz wydział');
    const councillor = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'COUNCILLOR']);
    expect(councillor.code).toBe(1);
    expect(councillor.stderr).toContain('--district: Wybierz dzielnicę');
    await expectNothingWritten();
  });

  it('refuses an unknown department and lists the known codes', async () => {
    const result = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'DEPARTMENT_STAFF', '--department', 'XYZ']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--department: Wybierz wydział (no department "XYZ"; known:');
    expect(result.stderr).toContain('MZDiT');
    await expectNothingWritten();
  });

  it('refuses a scope that does not belong to the role rather than ignoring it', async () => {
    const result = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'ADMIN', '--district', 'rakow']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--district: only for --role COUNCILLOR');
    await expectNothingWritten();
  });

  it('refuses an e-mail that already has an account, whatever its case, and changes nothing', async () => {
    const existing = await createUser(ctx.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'MODERATOR' });
    const result = await createUserCli(['--email', 'Anna@Example.org', '--name', 'Inna Osoba', '--role', 'ADMIN']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--email: Konto z tym adresem e-mail już istnieje');
    const users = await ctx.deps.db.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ id: existing.id, name: 'Anna Nowak', role: 'MODERATOR', passwordHash: existing.passwordHash });
    expect(await ctx.deps.db.auditLog.count()).toBe(0);
  });

  it('names each wrong argument: e-mail format, role, missing name', async () => {
    const result = await createUserCli(['--email', 'anna-at-example', '--role', 'SUPERUSER']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--email: Podaj adres e-mail w poprawnym formacie');
    expect(result.stderr).toContain('--role: Nieprawidłowa wartość (one of ADMIN, DEPARTMENT_STAFF, COUNCILLOR, MODERATOR)');
    expect(result.stderr).toContain('--name: Podaj imię i nazwisko');
    await expectNothingWritten();
  });

  it('refuses an unknown option and a password given as an argument, showing the usage', async () => {
    const result = await createUserCli(['--email', 'anna@example.org', '--name', 'Anna Nowak', '--role', 'ADMIN', '--password', PASSWORD]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown option '--password'/);
    expect(result.stderr).toContain('Usage: npm run user:create');
    await expectNothingWritten();
  });

  it('prints the usage with --help and exits 0', async () => {
    const result = await createUserCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run user:create -- --email EMAIL');
  });

  describe.skipIf(!HAS_SCRIPT)('on a terminal', () => {
    const args = ['--email', 'tty@example.org', '--name', 'Jan Kowalski', '--role', 'ADMIN'];
    const onTerminal = (answers: [string, string][]) => runCliOnTerminal(USER_CREATE, args, { env: { DATABASE_URL: ctx.databaseUrl }, answers });

    it('asks for the password twice without echoing it', async () => {
      const { code, screen } = await onTerminal([
        ['Password', `${PASSWORD}\r`],
        ['Repeat the password', `${PASSWORD}\r`],
      ]);
      expect(code, screen).toBe(0);
      expect(screen).toContain('Created ADMIN tty@example.org');
      expect(screen).not.toContain(PASSWORD);
      const user = await ctx.deps.db.user.findUniqueOrThrow({ where: { email: 'tty@example.org' } });
      expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    });

    it('creates nothing when the two typed passwords differ, or when Ctrl-C is pressed', async () => {
      const differ = await onTerminal([
        ['Password', `${PASSWORD}\r`],
        ['Repeat the password', `${PASSWORD}x\r`],
      ]);
      expect(differ.code).toBe(1);
      expect(differ.screen).toContain('the two passwords differ');
      const cancelled = await onTerminal([['Password', 'abc\u0003']]);
      expect(cancelled.code).toBe(1);
      expect(cancelled.screen).toContain('cancelled, nothing created');
      await expectNothingWritten();
    });
  });
});
