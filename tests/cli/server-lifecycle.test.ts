// The real server (src/server.ts, as `npm start` runs it) in a child process on a test database:
// SIGTERM while an upload is still arriving lets it finish with its normal answer, refuses new
// connections and exits 0; `kill -9` during an upload or during survey submissions, then a
// restart, leaves no temp file, no half-written row, and keeps everything that was acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, createPrisma, type Db } from '../../src/db/client.js';
import { ROOT } from '../../src/paths.js';
import { makeUploadsDir, removeUploadsDir } from '../helpers/app.js';
import { createConsultation, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { pdf } from '../helpers/files.js';
import { createTestDatabase } from '../helpers/database.js';
import { csrfFrom } from '../helpers/http.js';
import { createSurvey } from '../helpers/survey-factories.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: ReturnType<typeof createPool>;
let db: Db;
let uploads: string;
let adminEmail: string;

beforeAll(async () => {
  database = await createTestDatabase();
  uploads = makeUploadsDir();
  pool = createPool(database.url, 2);
  db = createPrisma(pool);
  adminEmail = (await createUser(db, { role: 'ADMIN' })).email;
});

afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
  await database?.drop();
  removeUploadsDir(uploads);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start`'s command on this test's database and uploads folder; resolves once it listens. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, DATABASE_URL: database.url, UPLOADS_DIR: uploads, SESSION_SECRET: 'x'.repeat(40), LOGIN_SLOWDOWN_MS: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'never' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes('is running at')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** A signed-in staff session: its cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/logowanie`);
  let cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = csrfFrom(await form.text());
  const res = await fetch(`${base}/logowanie`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, email: adminEmail, password: TEST_PASSWORD }) });
  expect(res.status).toBe(303);
  cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') || cookie;
  return cookie;
}

async function tokenOf(base: string, page: string, cookie: string): Promise<string> {
  return csrfFrom(await (await fetch(`${base}${page}`, { headers: { cookie } })).text());
}

/**
 * A multipart upload sent in two halves: the first at once, the second when asked. `answer`
 * settles with the status, or with the connection's error.
 */
function slowUpload(base: string, action: string, cookie: string, token: string, file: Buffer) {
  const boundary = `----granica${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="Harmonogram.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, file, tail]);
  const half = Math.floor(body.length / 2);
  const req = http.request(`${base}${action}`, { method: 'POST', agent: false, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, connection: 'close' } });
  const answer = new Promise<{ status: number; location: string } | { error: string }>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, location: String(res.headers.location ?? '') }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
  req.write(body.subarray(0, half));
  return { answer, finish: () => req.end(body.subarray(half)) };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tmpFiles = () => fs.readdirSync(path.join(uploads, 'tmp'));
const storedFiles = () => fs.readdirSync(path.join(uploads, 'files')).sort();
/** A PDF big enough that its second half is still to come when the signal arrives. */
const bigPdf = () => Buffer.concat([pdf('Harmonogram konsultacji'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);

describe('the server process', () => {
  it('on SIGTERM finishes the upload in flight with its normal answer, refuses new connections and exits 0', async () => {
    const consultation = await createConsultation(db);
    const page = `/panel/konsultacje/${consultation.id}/dokumenty`;
    const server = await startServer();
    const cookie = await signIn(server.base);
    const upload = slowUpload(server.base, `${page}/pliki`, cookie, await tokenOf(server.base, page, cookie), bigPdf());
    await until(() => tmpFiles().length > 0, 'the upload to reach the server');

    server.child.kill('SIGTERM');
    await until(() => server.output().includes('SIGTERM: stopping'), 'the server to begin stopping');
    await until(() => connectionRefused(server.port), 'new connections to be refused');
    expect(server.child.exitCode).toBeNull(); // still serving the upload

    upload.finish();
    expect(await upload.answer).toEqual({ status: 303, location: page });
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Stopped.');
    const rows = await db.attachment.findMany({ where: { consultationId: consultation.id } });
    expect(rows.map((r) => [r.originalName, r.sizeBytes])).toEqual([['Harmonogram.pdf', bigPdf().length]]);
    expect(storedFiles()).toEqual([rows[0]!.storedName]);
    expect(tmpFiles()).toEqual([]);
  });

  it('killed with -9 during an upload: after a restart no temp file, no row, no orphan file', async () => {
    const consultation = await createConsultation(db);
    const page = `/panel/konsultacje/${consultation.id}/dokumenty`;
    const before = { rows: await db.attachment.count(), files: storedFiles() };
    const server = await startServer();
    const cookie = await signIn(server.base);
    const upload = slowUpload(server.base, `${page}/pliki`, cookie, await tokenOf(server.base, page, cookie), bigPdf());
    await until(() => tmpFiles().length > 0, 'the upload to reach the server');
    server.child.kill('SIGKILL');
    await server.exited;
    expect(await upload.answer).toHaveProperty('error');
    const left = tmpFiles();
    expect(left.length).toBe(1); // what the killed process was writing

    // The restart comes later than any request may last (docs/decisions.md 48); a file another instance
    // sharing the folder is receiving right now is younger, and stays.
    const later = new Date(Date.now() - 11 * 60_000);
    fs.utimesSync(path.join(uploads, 'tmp', left[0]!), later, later);
    fs.writeFileSync(path.join(uploads, 'tmp', 'another-instance-receiving'), 'x');
    const again = await startServer();
    expect(again.output()).toContain('Removed 1 unfinished upload(s)');
    expect(tmpFiles()).toEqual(['another-instance-receiving']);
    expect(await db.attachment.count()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.files);
    fs.rmSync(path.join(uploads, 'tmp', 'another-instance-receiving'));
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('killed with -9 during survey submissions: every acknowledged answer is there after a restart, none half-written', async () => {
    const now = Date.now();
    const survey = await createSurvey(db, {
      opensAt: new Date(now - 86_400_000),
      closesAt: new Date(now + 86_400_000),
      participation: 'OPEN',
      questions: [{ type: 'SHORT_TEXT', text: 'Twoje imię', required: true, maxLength: 100 }, { type: 'SINGLE', text: 'Czy popierasz?', required: true, options: ['Tak', 'Nie'] }],
    });
    const [text, choice] = survey.questions;
    const server = await startServer();
    const form = await fetch(`${server.base}/ankiety/${survey.id}`);
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = csrfFrom(await form.text());
    const acknowledged: string[] = [];
    const submit = async (n: number) => {
      const answer = `odpowiedź-${n}`;
      try {
        const res = await fetch(`${server.base}/ankiety/${survey.id}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: token, [`q${text!.id}`]: answer, [`q${choice!.id}`]: String(choice!.options[0]!.id) }),
        });
        if (res.status === 303) acknowledged.push(answer);
      } catch {
        // cut off by the kill: not acknowledged, so either stored whole or not at all
      }
    };
    // Submissions keep coming, a few at a time, while the process is killed.
    let n = 0;
    const waves = (async () => {
      while (server.child.exitCode === null && server.child.signalCode === null && n < 2000) await Promise.all(Array.from({ length: 4 }, () => submit(++n)));
    })();
    await until(() => acknowledged.length >= 10, 'some answers to be acknowledged');
    server.child.kill('SIGKILL');
    await server.exited;
    await waves;
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);

    const again = await startServer();
    const responses = await db.surveyResponse.findMany({ where: { surveyId: survey.id }, select: { answers: { select: { questionId: true, text: true, optionId: true } } } });
    // Whole responses only: each has both its answers.
    for (const r of responses) expect(r.answers.map((a) => a.questionId).sort()).toEqual([text!.id, choice!.id].sort());
    const stored = new Set(responses.flatMap((r) => r.answers.map((a) => a.text).filter(Boolean)));
    expect(acknowledged.filter((a) => !stored.has(a))).toEqual([]);
    expect(responses.length).toBeLessThanOrEqual(n);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
