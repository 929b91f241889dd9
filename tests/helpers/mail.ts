// A real SMTP server in the test process (smtp-server): the app sends to it over TCP, and tests read
// what arrived, parsed with mailparser. Nothing is mocked between the app and the wire.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The message as it came over the wire. */
  raw: string;
  parsed: ParsedMail;
  /** RCPT TO addresses. */
  to: string[];
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Refuse this many next messages with a temporary error (451), as a busy server would. */
  refuseNext(count: number): void;
  /** Attempts refused so far. */
  refused: number;
  /** Answer each message only after this many milliseconds (a slow server). */
  delayMs: number;
  /** Waits until at least `count` messages arrived (10 s at most), and returns them all. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  stop(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  let refuse = 0;
  const state = { received: [] as ReceivedMail[], refused: 0, delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
        if (refuse > 0) {
          refuse -= 1;
          state.refused += 1;
          return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          state.received.push({ raw, parsed, to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        }, callback);
      });
    },
  });
  const listening = await new Promise<AddressInfo>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve(net.address() as AddressInfo));
  });
  return {
    url: `smtp://127.0.0.1:${listening.port}`,
    get received() {
      return state.received;
    },
    get refused() {
      return state.refused;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    refuseNext(count) {
      refuse = count;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (state.received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} e-mails, ${state.received.length} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return state.received;
    },
    clear() {
      state.received.length = 0;
      state.refused = 0;
      state.delayMs = 0;
      refuse = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Fast queue settings for tests: quick polling, a 1 s first retry, no cron (tests send the jobs). */
export const TEST_JOB_OPTIONS = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, schedules: false };

/** Removes every job (pg-boss's tables live outside the truncated public schema). */
export async function clearJobs(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query(`SELECT to_regclass('pgboss.job') AS t`);
  if (!rows[0]?.t) return;
  await pool.query(`DELETE FROM pgboss.job WHERE state <> 'active'`);
  // A job a worker already holds still sends its e-mail, even once its row is gone: let it finish (10 s at
  // most), or on a slow machine the last test's message lands in the next test's inbox after its clear().
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const active = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active'`);
    if (active.rows[0]!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await pool.query('DELETE FROM pgboss.job');
}

/** Waits until no job is waiting, retrying or running (15 s at most). */
export async function waitForIdleQueue(pool: pg.Pool, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active')`);
    if (rows[0]!.n === 0) return;
    if (Date.now() > until) throw new Error(`${rows[0]!.n} jobs still pending`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The links of a message's plain-text part, by what they lead to. */
export function linksIn(mail: ReceivedMail): string[] {
  return [...(mail.parsed.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
}

/** The path and query of the first link in the message starting with the given path. */
export function linkTo(mail: ReceivedMail, pathPrefix: string): string {
  const found = linksIn(mail).map((link) => new URL(link)).find((url) => url.pathname.startsWith(pathPrefix));
  if (!found) throw new Error(`no link to ${pathPrefix} in:\n${mail.parsed.text}`);
  return found.pathname + found.search;
}

/** A header as it came over the wire (folded lines joined), or undefined. */
export function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
}
