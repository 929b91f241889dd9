// `npm run user:create -- --email ... --name ... --role ...`: a staff account from the command line,
// so a production install gets its first administrator. The password is never an argument.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { CliError, openCliDatabase, progress, runCli, type CliDatabase } from '../../db/cli.js';
import { prepareDatabase } from '../../db/prepare.js';
import { FormError } from '../../http/errors.js';
import { email, text } from '../../http/forms.js';
import { translator } from '../../i18n/i18n.js';
import { audit } from '../audit/audit.service.js';
import { passwordProblem } from '../auth/password-policy.js';
import { PromptCancelled, readPassword } from './password-input.js';
import { createStaffUser, ROLES } from './users.service.js';

const USAGE = `Usage: npm run user:create -- --email EMAIL --name "FULL NAME" --role ROLE [--department CODE] [--district SLUG]

  --role        ${ROLES.join(', ')}
  --department  department code (required for DEPARTMENT_STAFF), e.g. MZDiT
  --district    district slug (required for COUNCILLOR), e.g. rakow

The password (at least 12 characters) is asked without echo, or read from the first line of stdin:
  printf '%s\\n' "$PASSWORD" | npm run user:create -- --email admin@example.org --name "Anna Nowak" --role ADMIN`;

const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().max(80).optional());

// Field names are the option names, so a message can say which option is wrong.
const argsSchema = z
  .object({
    email: email(),
    // No catalogue key for a person's name yet; the text is shown as it is.
    name: text('Podaj imię i nazwisko', 120),
    role: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(ROLES, { error: `validation.invalid` })),
    department: optional,
    district: optional,
  })
  .superRefine((args, ctx) => {
    if (args.role === 'DEPARTMENT_STAFF' && !args.department) ctx.addIssue({ code: 'custom', path: ['department'], message: 'validation.department.required' });
    if (args.role === 'COUNCILLOR' && !args.district) ctx.addIssue({ code: 'custom', path: ['district'], message: 'validation.district.required' });
    // Ignoring them silently would create an account with less (or other) scope than intended.
    if (args.role !== 'DEPARTMENT_STAFF' && args.department) ctx.addIssue({ code: 'custom', path: ['department'], message: 'only for --role DEPARTMENT_STAFF' });
    if (args.role !== 'COUNCILLOR' && args.district) ctx.addIssue({ code: 'custom', path: ['district'], message: 'only for --role COUNCILLOR' });
  });


const FIELD_OPTION: Record<string, string> = { departmentCode: 'department', districtSlug: 'district', password: 'password' };
const HINTS: Record<string, string> = { role: ` (one of ${ROLES.join(', ')})` };

const t = translator('pl');
/** A catalogue key, optionally with parameters ("validation.tooLong?max=120"), as the Polish text. */
function polish(message: string): string {
  const [key = message, query] = message.split('?');
  return t(key, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
}

function refusal(issues: Record<string, string[]>): CliError {
  const lines = Object.entries(issues).flatMap(([field, messages]) => {
    const option = FIELD_OPTION[field] ?? field;
    return messages.map((m) => `--${option}: ${polish(m)}${HINTS[option] ?? ''}`);
  });
  return new CliError(`not created:\n  ${lines.join('\n  ')}`);
}

function issuesOf(error: z.ZodError): Record<string, string[]> {
  const issues: Record<string, string[]> = {};
  for (const issue of error.issues) (issues[String(issue.path[0] ?? 'arguments')] ??= []).push(issue.message);
  return issues;
}

function parseArguments(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        department: { type: 'string' },
        district: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

/** Department codes and district slugs as the database spells them, matched without regard to case. */
async function resolveScope(db: CliDatabase['db'], args: { department?: string | undefined; district?: string | undefined }) {
  const problems: string[] = [];
  let departmentCode: string | undefined;
  let districtSlug: string | undefined;
  if (args.department) {
    const known = (await db.department.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((d) => d.code);
    departmentCode = known.find((code) => code.toLowerCase() === args.department!.toLowerCase());
    if (!departmentCode) problems.push(`--department: ${polish('validation.department.required')} (no department "${args.department}"; known: ${known.join(', ')})`);
  }
  if (args.district) {
    const known = (await db.district.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } })).map((d) => d.slug);
    districtSlug = known.find((slug) => slug === args.district!.toLowerCase());
    if (!districtSlug) problems.push(`--district: ${polish('validation.district.required')} (no district "${args.district}"; known: ${known.join(', ')})`);
  }
  if (problems.length > 0) throw new CliError(`not created:\n  ${problems.join('\n  ')}`);
  return { departmentCode, districtSlug };
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const parsed = argsSchema.safeParse(options);
  if (!parsed.success) throw refusal(issuesOf(parsed.error));
  const args = parsed.data;
  const config = loadConfig();

  const typed = await readPassword(process.stdin, process.stderr).catch((error: unknown) => {
    throw error instanceof PromptCancelled ? new CliError('cancelled, nothing created') : error;
  });
  if (typed === undefined) throw new CliError('not created: --password: the two passwords differ');
  // The same rules as every password form (length, the list of common passwords, the address).
  const problem = passwordProblem(typed, { email: args.email });
  if (problem) throw refusal({ password: [problem] });

  const database = await openCliDatabase(config);
  try {
    const { applied } = await prepareDatabase(database.pool, database.db, { demo: 'never', embedded: database.embedded });
    if (applied.length > 0) progress(`Applied migrations: ${applied.join(', ')}`);
    const scope = await resolveScope(database.db, args);
    const user = await createStaffUser(database.db, { email: args.email, name: args.name, role: args.role, password: typed, ...scope });
    await audit(database.db, {
      userId: null,
      action: 'user.create_cli',
      entityType: 'User',
      entityId: user.id,
      details: { email: args.email, role: args.role, department: scope.departmentCode ?? null, district: scope.districtSlug ?? null },
    });
    process.stdout.write(`Created ${args.role} ${args.email} (id ${user.id}).\n`);
    return 0;
  } catch (error) {
    if (error instanceof FormError) throw refusal(error.fieldErrors);
    // Another process created the same e-mail between our check and our insert.
    if ((error as { code?: string }).code === 'P2002') throw refusal({ email: ['validation.email.taken'] });
    throw error;
  } finally {
    await database.close();
  }
}

runCli('user:create', main);
