// The survey CSV written by PostgreSQL's COPY (decision 50) against the JavaScript writer it replaced
// (`streamCsv` over `responseRows`, still what the XLSX reads): the same bytes for every question type
// and the values that break CSVs. And what a browser that goes away leaves behind: no COPY still running
// on the server, no pool connection held.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportColumns, responseRows } from '../../src/features/surveys/survey-export.js';
import type { SurveyDefinition } from '../../src/features/surveys/surveys.queries.js';
import { crlfRows, streamCsv } from '../../src/lib/tabular-export.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createUser } from '../helpers/factories.js';
import { loginAs, type Agent } from '../helpers/http.js';
import { createSurvey } from '../helpers/survey-factories.js';
import { download } from '../helpers/uploads.js';

const ctx = useTestApp();

type Answer = { q: number; option?: number; foreignOption?: boolean; value?: number; text?: string | null };

async function respond(survey: SurveyDefinition, submittedAt: string, answers: Answer[]) {
  const response = await ctx.deps.db.surveyResponse.create({ data: { surveyId: survey.id, submittedAt: new Date(submittedAt) } });
  // One at a time: the answers' ids follow this order, which is the order of a multiple choice's cell.
  for (const a of answers) {
    const question = survey.questions[a.q]!;
    const optionId = a.option === undefined ? null : (a.foreignOption ? survey.questions[1]! : question).options[a.option]!.id;
    await ctx.deps.db.surveyAnswer.create({ data: { responseId: response.id, questionId: question.id, optionId, value: a.value ?? null, text: a.text ?? null } });
  }
}

/** The export as the JavaScript writer wrote it before COPY, for the same survey. */
async function oldWriterCsv(survey: SurveyDefinition): Promise<Buffer> {
  const app = express();
  app.get('/old.csv', async (_req, res) => {
    await streamCsv(res, {
      fileName: `ankieta-${survey.id}-odpowiedzi`,
      columns: ['Nr odpowiedzi', 'Data i godzina', ...exportColumns(survey, 'Inne').headers],
      rows: responseRows(ctx.deps.pool, survey, 'Inne'),
    });
  });
  return (await download(request.agent(app), '/old.csv')).body as Buffer;
}

const runningCopies = async () =>
  Number((await ctx.deps.pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY (%'`)).rows[0]!.n);

async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still not true after 5 s: ${what}`);
}

describe('survey CSV export by COPY', () => {
  let staff: Agent;
  let departmentId: number;

  beforeEach(async () => {
    departmentId = (await createDepartment(ctx.deps.db)).id;
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId, email: 'staff@example.org' });
    staff = await loginAs(ctx.app, 'staff@example.org');
  });

  it('writes byte for byte what the JavaScript writer wrote, for every question type and nasty values', async () => {
    const survey = await createSurvey(ctx.deps.db, {
      departmentId,
      questions: [
        { type: 'SINGLE', text: '=Wybór, "pierwszy"', allowOther: true, options: ['Tak, chętnie', '=SUMA(A1)', 'Żółć "gęś"'] },
        { type: 'MULTIPLE', text: 'Co robisz?', allowOther: true, options: ['Spacer', '-minus', '@małpa', '+plus'] },
        { type: 'SCALE', text: 'Ocena', minValue: 1, maxValue: 5 },
        { type: 'NUMBER', text: 'Liczba' },
        { type: 'RANKING', text: 'Kolejność', options: ['Ławki, nowe', 'Lampy'] },
        { type: 'MATRIX', text: 'Oceń', minValue: 1, maxValue: 3, options: ['Czystość', '"Cisza"'] },
        { type: 'SHORT_TEXT', text: 'Krótko' },
        { type: 'LONG_TEXT', text: 'Uwagi\nw dwóch liniach' },
        { type: 'SHORT_TEXT', text: 'Bez odpowiedzi' },
      ],
    });
    await respond(survey, '2026-11-10T12:00:00Z', [
      { q: 0, option: 0 },
      { q: 1, option: 0 },
      { q: 1, option: 2 },
      { q: 2, value: 4 },
      { q: 3, value: 1234567 },
      { q: 4, option: 0, value: 2 },
      { q: 4, option: 1, value: 1 },
      { q: 5, option: 0, value: 3 },
      { q: 5, option: 1, value: 1 },
      { q: 6, text: 'Zwykła odpowiedź ąęśćźżółń' },
      { q: 7, text: 'linia 1\r\nlinia 2\n"cytat", koniec\rCR' },
    ]);
    await respond(survey, '2026-03-29T01:30:00Z', [
      { q: 0, option: 1 },
      { q: 1, option: 3 }, // stored before "Spacer": the cell follows the answers' order
      { q: 1, option: 0 },
      { q: 1, text: 'Inne\n"x", y' },
      { q: 6, text: '\t=tab' },
      { q: 7, text: '=HYPERLINK("http://zlo.example")' },
    ]);
    await respond(survey, '2026-10-25T00:59:59.999Z', []); // no answers at all
    await respond(survey, '2026-10-25T01:00:00Z', [
      { q: 0, text: null }, // "Inne" with nothing written
      { q: 3, value: -5 }, // a negative number is a number, not a formula
      { q: 6, text: '' },
      { q: 7, text: null },
    ]);
    await respond(survey, '2026-12-31T23:30:00Z', [
      { q: 0, text: '+48 123 456 789' },
      { q: 1, option: 1 },
      { q: 6, text: '\rukryty' },
      { q: 7, text: '@handle' },
    ]);
    await respond(survey, '2026-07-01T08:05:00Z', [
      { q: 0, option: 0, foreignOption: true }, // an option of another question: an empty label
      { q: 4, option: 1, value: 1 }, // one place of two
      { q: 6, text: 'pierwsza' },
      { q: 6, text: 'druga' }, // a second answer to a text question: the first counts
      { q: 7, text: '-1+2' },
      { q: 2, value: 0 },
    ]);
    await respond(survey, '2026-11-11T11:11:00Z', [
      { q: 0, option: 2 },
      { q: 1, option: 2 },
      { q: 1, option: 2 },
      { q: 6, text: ',' },
      { q: 7, text: '""' },
    ]);

    const res = await download(staff, `/panel/ankiety/${survey.id}/eksport.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const copied = res.body as Buffer;
    const old = await oldWriterCsv(survey);
    expect(copied.toString('utf8')).toBe(old.toString('utf8'));
    expect(copied.equals(old)).toBe(true);

    // Not two empty files: what a spreadsheet user reads.
    const text = copied.toString('utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Nr odpowiedzi,Data i godzina,"1. =Wybór, ""pierwszy""",2. Co robisz?,3. Ocena,4. Liczba,"5. Kolejność – Ławki, nowe",5. Kolejność – Lampy,6. Oceń – Czystość,"6. Oceń – ""Cisza""",7. Krótko,"8. Uwagi\nw dwóch liniach",9. Bez odpowiedzi');
    const ids = (await ctx.deps.db.surveyResponse.findMany({ where: { surveyId: survey.id }, orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
    expect(text).toContain(`\r\n${ids[0]},2026-11-10 13:00,"Tak, chętnie",Spacer; @małpa,4,1234567,2,1,3,1,Zwykła odpowiedź ąęśćźżółń,"linia 1\r\nlinia 2\n""cytat"", koniec\rCR",\r\n`);
    expect(text).toContain(`\r\n${ids[1]},2026-03-29 03:30,'=SUMA(A1),"'+plus; Spacer; Inne: Inne\n""x"", y",,,,,,,'\t=tab,"'=HYPERLINK(""http://zlo.example"")",\r\n`);
    expect(text).toContain(`\r\n${ids[2]},2026-10-25 02:59,,,,,,,,,,,\r\n${ids[3]},2026-10-25 02:00,Inne: ,,,-5,,,,,,,\r\n`);
    expect(text).toContain(`\r\n${ids[4]},2027-01-01 00:30,Inne: +48 123 456 789,'-minus,,,,,,,"'\rukryty",'@handle,\r\n`);
    expect(text).toContain(`\r\n${ids[5]},2026-07-01 10:05,,,0,,,1,,,pierwsza,'-1+2,\r\n`);
    expect(text.endsWith(`\r\n${ids[6]},2026-11-11 12:11,"Żółć ""gęś""",'@małpa; @małpa,,,,,,,",","""""",\r\n`)).toBe(true);
  });

  it('writes the header alone for a survey without responses, and the same as before', async () => {
    const survey = await createSurvey(ctx.deps.db, { departmentId, questions: [{ type: 'SINGLE', text: 'Czy?', options: ['Tak', 'Nie'] }] });
    const res = await download(staff, `/panel/ankiety/${survey.id}/eksport.csv`);
    expect((res.body as Buffer).toString('utf8')).toBe('\uFEFFNr odpowiedzi,Data i godzina,1. Czy?\r\n');
    expect((res.body as Buffer).equals(await oldWriterCsv(survey))).toBe(true);
  });

  it('holds the COPY while the browser reads slowly, and ends it and frees its connection when the browser goes away', async () => {
    const survey = await createSurvey(ctx.deps.db, { departmentId, questions: [{ type: 'LONG_TEXT', text: 'Uwagi' }] });
    // 40,000 responses of 1,000 characters: 40 MB, more than the sockets between PostgreSQL, the app and the browser hold.
    await ctx.deps.pool.query(`INSERT INTO survey_response (survey_id, submitted_at) SELECT $1, now() FROM generate_series(1, 40000)`, [survey.id]);
    await ctx.deps.pool.query(`INSERT INTO survey_answer (response_id, question_id, text) SELECT id, $2, repeat('Uwaga ', 166) || id FROM survey_response WHERE survey_id = $1`, [survey.id, survey.questions[0]!.id]);

    let whileReading: { copies: number; waitEvent: string | null } | undefined;
    let received = 0;
    await staff
      .get(`/panel/ankiety/${survey.id}/eksport.csv`)
      .buffer(true)
      .parse((response, callback) => {
        const res = response as unknown as IncomingMessage; // what superagent hands a parser
        res.once('data', (chunk: Buffer) => {
          received = chunk.length;
          res.pause(); // a browser that stops reading: the app and then PostgreSQL must wait
          void (async () => {
            await new Promise((resolve) => setTimeout(resolve, 500));
            const { rows } = await ctx.deps.pool.query<{ wait_event: string | null }>(`SELECT wait_event FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY (%'`);
            whileReading = { copies: rows.length, waitEvent: rows[0]?.wait_event ?? null };
            res.destroy(); // ... and goes away
            callback(null, Buffer.alloc(0));
          })();
        });
      })
      .catch(() => undefined); // the aborted request's own error
    expect(received).toBeGreaterThan(0);
    // Half a second later the COPY is still there, waiting on its send: back-pressure reached the server.
    expect(whileReading).toEqual({ copies: 1, waitEvent: 'ClientWrite' });

    await eventually(async () => (await runningCopies()) === 0, 'a COPY is still running');
    const pool = ctx.deps.pool;
    await eventually(async () => pool.totalCount === pool.idleCount && pool.waitingCount === 0, 'a pool client is still checked out');

    // The next export runs to its end on the same pool.
    const again = await download(staff, `/panel/ankiety/${survey.id}/eksport.csv`);
    expect(again.status).toBe(200);
    expect((again.body as Buffer).toString('utf8').split('\r\n')).toHaveLength(40_002);
  });
});

describe('CRLF for COPY\'s line ends', () => {
  it('ends rows with CRLF and leaves line breaks inside quoted fields alone, wherever the chunks split', async () => {
    const copied = Buffer.from('1,"a\n""b""\n",x\n2,"",\n3,"ż\r\n",\n');
    for (let cut = 0; cut <= copied.length; cut++) {
      const out = await buffer(Readable.from([copied.subarray(0, cut), copied.subarray(cut)]).pipe(crlfRows()));
      expect(out.toString('utf8')).toBe('1,"a\n""b""\n",x\r\n2,"",\r\n3,"ż\r\n",\r\n');
    }
  });
});
