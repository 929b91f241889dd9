// The only reader of process.env: parsed once with zod, frozen, fails fast with the variable's name.
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const bool = (fallback: boolean) =>
  z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0']).optional()).transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    BASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    DATABASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('data')),
    EMBEDDED_PG_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).max(65535).default(54329)),
    DB_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(10)),
    SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    SESSION_MAX_AGE_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(5).max(60 * 24 * 30).default(60)),
    SESSION_ABSOLUTE_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 30).default(12)),
    TRUST_PROXY: z.preprocess(emptyToUndefined, z.string().default('loopback')),
    SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(['auto', 'always', 'never']).default('auto')),
    SITE_NAME: z.preprocess(emptyToUndefined, z.string().default('Konsultacje Społeczne Częstochowy')),
    CITY_NAME: z.preprocess(emptyToUndefined, z.string().default('Częstochowa')),
    // Polish declines the city's name ("Urząd Miasta Częstochowy"), so the office's name is set whole.
    CITY_HALL_NAME: z.preprocess(emptyToUndefined, z.string().default('Urząd Miasta Częstochowy')),
    CITY_HALL_ADDRESS: z.preprocess(emptyToUndefined, z.string().default('ul. Śląska 11/13, 42-217 Częstochowa')),
    CITY_LOGO_URL: z.preprocess(emptyToUndefined, z.string().default('/public/img/logo.svg')),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
    LOG_PRETTY: bool(false),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(5)),
    LOGIN_MAX_FAILURES_PER_IP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(30)),
    LOGIN_BLOCK_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(15)),
    LOGIN_SLOWDOWN_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_000).default(400)),
    WEB_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(1)),
    UPLOADS_DIR: z.preprocess(emptyToUndefined, z.string().default('uploads')),
    UPLOAD_MAX_MB: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1024).default(25)),
    SMTP_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^smtps?$/ }).optional()),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().regex(/^[^\r\n]*@[^\r\n]+$/, 'must be an address, optionally with a name: "Name" <a@b.pl>').optional()),
    MAIL_OUTBOX_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
    SUBSCRIBE_MAX_PER_IP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
    SUBSCRIBE_MAX_PER_ADDRESS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(3)),
    COMMENT_MAX_PER_IP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
    COMMENT_MAX_PER_ADDRESS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
    COMMENT_REPORTS_MAX_PER_IP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(20)),
    // Unlike the others, an empty value is meaningful here: no tile server (the maps show markers only).
    MAP_TILE_URL: z
      .string()
      .refine((v) => v === '' || ((/^https?:\/\//.test(v) || v.startsWith('/')) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p))), 'must be empty, or an http(s) URL or a path with {z}, {x} and {y}')
      .optional(),
    MAP_TILE_ATTRIBUTION: z.preprocess(emptyToUndefined, z.string().max(300).default('© OpenStreetMap contributors')),
    MAP_BOUNDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('50.70,18.95,50.90,19.30')
        .transform((v) => v.split(',').map((n) => Number(n.trim())))
        .refine(([s, w, n, e, ...rest]) => rest.length === 0 && [s, w, n, e].every((x) => Number.isFinite(x)) && s! < n! && w! < e! && s! >= -90 && n! <= 90 && w! >= -180 && e! <= 180, 'must be four numbers: south,west,north,east'),
    ),
    REQUEST_SUPPORT_THRESHOLD: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(300)),
    REQUEST_ANSWER_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(30)),
    PERSONAL_DATA_RETENTION_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(12)),
    SECURITY_CONTACT: z.preprocess(emptyToUndefined, z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https:// URI').default('mailto:bezpieczenstwo@example.org')),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.SESSION_SECRET) ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    if (!env.BASE_URL) ctx.addIssue({ code: 'custom', path: ['BASE_URL'], message: 'is required in production' });
    if (env.SMTP_URL && !env.MAIL_FROM) ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required in production when SMTP_URL is set' });
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>) {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return Object.freeze({
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.PORT,
    baseUrl: env.BASE_URL ?? `http://localhost:${env.PORT}`,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    dbPoolMax: env.DB_POOL_MAX,
    // Outside production a fixed development secret keeps sessions across restarts.
    sessionSecret: env.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    sessionMaxAgeMs: env.SESSION_MAX_AGE_MINUTES * 60_000,
    /** However active, a session ends this long after its login. */
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    // Express reads "1" as an address, not a hop count: whole numbers become numbers.
    trustProxy: /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY,
    seedDemo: env.SEED_DEMO,
    siteName: env.SITE_NAME,
    cityName: env.CITY_NAME,
    cityLogoUrl: env.CITY_LOGO_URL,
    cityHallName: env.CITY_HALL_NAME,
    cityHallAddress: env.CITY_HALL_ADDRESS,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    logPretty: env.LOG_PRETTY,
    login: Object.freeze({
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      blockSeconds: env.LOGIN_BLOCK_MINUTES * 60,
      slowdownMs: env.LOGIN_SLOWDOWN_MS,
    }),
    webConcurrency: env.WEB_CONCURRENCY,
    uploads: Object.freeze({
      dir: path.resolve(env.UPLOADS_DIR),
      maxFileBytes: Math.floor(env.UPLOAD_MAX_MB * 1024 * 1024),
    }),
    mail: Object.freeze({
      /** Unset: messages are written as .eml files to outboxDir instead. */
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? `"${env.SITE_NAME.replace(/["\\]/g, '')}" <powiadomienia@example.org>`,
      outboxDir: env.MAIL_OUTBOX_DIR ? path.resolve(env.MAIL_OUTBOX_DIR) : path.join(dataDir, 'outbox'),
    }),
    subscribe: Object.freeze({ maxPerIpPerHour: env.SUBSCRIBE_MAX_PER_IP, maxPerAddressPerDay: env.SUBSCRIBE_MAX_PER_ADDRESS }),
    comments: Object.freeze({ maxPerIpPerHour: env.COMMENT_MAX_PER_IP, maxPerAddressPerDay: env.COMMENT_MAX_PER_ADDRESS, reportsPerIpPerHour: env.COMMENT_REPORTS_MAX_PER_IP }),
    map: Object.freeze({
      // Tests never reach the internet: without a value they get no tiles, everyone else OpenStreetMap's.
      tileUrl: env.MAP_TILE_URL ?? (env.NODE_ENV === 'test' ? '' : 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
      tileAttribution: env.MAP_TILE_ATTRIBUTION,
      bounds: Object.freeze({ south: env.MAP_BOUNDS[0]!, west: env.MAP_BOUNDS[1]!, north: env.MAP_BOUNDS[2]!, east: env.MAP_BOUNDS[3]! }),
    }),
    requests: Object.freeze({
      /** Supporters (online and on paper) a residents' request needs before the city may accept it. */
      supportThreshold: env.REQUEST_SUPPORT_THRESHOLD,
      /** Days the city has to answer a request, counted from its submission (Warsaw calendar days). */
      answerDays: env.REQUEST_ANSWER_DAYS,
    }),
    /** Months after a report's publication when the contact data of its remarks' and comments' authors are deleted. */
    personalDataRetentionMonths: env.PERSONAL_DATA_RETENTION_MONTHS,
    /** Where security researchers write (security.txt's Contact). */
    securityContact: env.SECURITY_CONTACT,
  });
}

export type Config = ReturnType<typeof parseConfig>;

let cached: Config | undefined;
/** The process configuration, read from the environment once. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
