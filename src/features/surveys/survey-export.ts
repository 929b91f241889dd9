// All responses of a survey as a table, one row per response: for the XLSX, pages of responses by id
// (keyset) joined with their answers, so an export of any size holds one page in memory at a time; for
// the CSV, the same cells as one SELECT that PostgreSQL writes out with COPY.
import pg from 'pg';
import { csvSql, type Cell } from '../../lib/tabular-export.js';
import type { QuestionDefinition, SurveyDefinition } from './surveys.queries.js';

interface Column {
  header: string;
  question: QuestionDefinition;
  /** RANKING and MATRIX: one column per option / row. */
  optionId?: number;
}

export function exportColumns(survey: Pick<SurveyDefinition, 'questions'>, otherLabel: string) {
  const columns: Column[] = [];
  survey.questions.forEach((q, i) => {
    const title = `${i + 1}. ${q.text}`;
    if (q.type === 'RANKING' || q.type === 'MATRIX') for (const o of q.options) columns.push({ header: `${title} – ${o.label}`, question: q, optionId: o.id });
    else columns.push({ header: title, question: q });
  });
  const cellsOf = (answers: AnswerRow[]) => {
    const byQuestion = new Map<number, AnswerRow[]>();
    for (const a of answers) (byQuestion.get(a.question_id) ?? byQuestion.set(a.question_id, []).get(a.question_id)!).push(a);
    return columns.map((c) => cellOf(c, byQuestion.get(c.question.id) ?? [], otherLabel));
  };
  return { headers: columns.map((c) => c.header), cellsOf };
}

interface AnswerRow {
  question_id: number;
  option_id: number | null;
  value: number | null;
  text: string | null;
}

function cellOf(column: Column, answers: AnswerRow[], otherLabel: string): Cell {
  const q = column.question;
  if (answers.length === 0) return null;
  switch (q.type) {
    case 'SINGLE':
    case 'MULTIPLE':
      return answers.map((a) => (a.option_id === null ? `${otherLabel}: ${a.text ?? ''}` : (q.options.find((o) => o.id === a.option_id)?.label ?? ''))).join('; ');
    case 'SHORT_TEXT':
    case 'LONG_TEXT':
      return answers[0]!.text;
    case 'SCALE':
    case 'NUMBER':
      return answers[0]!.value;
    default:
      return answers.find((a) => a.option_id === column.optionId)?.value ?? null;
  }
}

/** Answers read per query (a poll: 4,000 responses; a survey of 20 questions: 200): few round trips, and
 * pages small enough to die young in the garbage collector (20,000 grew the process by 190 MB). */
const ANSWERS_PER_PAGE = 4000;

interface JoinedRow extends AnswerRow {
  id: number;
  submitted_at: Date;
}

/**
 * Rows of the export: response number, time, then the answers in the columns' order. One query per
 * page of responses, joined with their answers and ordered by response, so a million responses take a
 * few hundred round trips instead of two thousand (a page of 1,000 responses and a second query for its
 * answers ran at about 4,000 rows a second in the benchmark); a page holds at most ANSWERS_PER_PAGE answers in memory.
 */
export async function* responseRows(pool: pg.Pool, survey: Pick<SurveyDefinition, 'id' | 'questions'>, otherLabel: string): AsyncGenerator<Cell[]> {
  const { cellsOf } = exportColumns(survey, otherLabel);
  const pageSize = Math.max(100, Math.floor(ANSWERS_PER_PAGE / Math.max(1, survey.questions.length)));
  let after = 0;
  for (;;) {
    // Plain pg here: tens of thousands of small rows a page, without the ORM's per-row work.
    const { rows } = await pool.query<JoinedRow>(
      // Each response's answers by its own index probe (LATERAL): a hash join would scan every answer
      // of every survey, and a range of response ids reads other surveys' answers where they interleave.
      `SELECT r.id, r.submitted_at, a.question_id, a.option_id, a.value, a.text
       FROM (SELECT id, submitted_at FROM survey_response WHERE survey_id = $1 AND id > $2 ORDER BY id LIMIT $3) r
       LEFT JOIN LATERAL (SELECT a.question_id, a.option_id, a.value, a.text, a.id FROM survey_answer a WHERE a.response_id = r.id) a ON true
       ORDER BY r.id, a.id`,
      [survey.id, after, pageSize],
    );
    if (rows.length === 0) return;
    for (let i = 0; i < rows.length; ) {
      const first = rows[i]!;
      const answers: AnswerRow[] = [];
      for (; i < rows.length && rows[i]!.id === first.id; i++) if (rows[i]!.question_id !== null) answers.push(rows[i]!);
      yield [first.id, first.submitted_at, ...cellsOf(answers)];
    }
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The same table as `responseRows`, as one SELECT for PostgreSQL's COPY (decision 50): a row per
 * response in id order, each cell built in SQL exactly as `cellOf` builds it (answers in id order,
 * options by the labels of the definition, other answers as "Inne: …", the first answer of a text or
 * number question), text cells passed through `csvSql.text` so COPY writes what `streamCsv` wrote.
 * COPY takes no parameters: every value in the text is a number checked here or a literal escaped by pg.
 */
export function responsesCsvSelect(survey: Pick<SurveyDefinition, 'id' | 'questions'>, otherLabel: string): string {
  const columns: { sql: string; text: boolean }[] = [];
  survey.questions.forEach((q) => {
    const question = int(q.id);
    const first = (value: string, where = '') => `(array_agg(${value} ORDER BY a.id) FILTER (WHERE a.question_id = ${question}${where}))[1]`;
    switch (q.type) {
      case 'SINGLE':
      case 'MULTIPLE': {
        const labels = q.options.length ? `CASE a.option_id ${q.options.map((o) => `WHEN ${int(o.id)} THEN ${pg.escapeLiteral(o.label)}`).join(' ')} ELSE '' END` : `''`;
        const other = `${pg.escapeLiteral(`${otherLabel}: `)} || coalesce(a.text, '')`;
        columns.push({ sql: `string_agg(CASE WHEN a.option_id IS NULL THEN ${other} ELSE ${labels} END, '; ' ORDER BY a.id) FILTER (WHERE a.question_id = ${question})`, text: true });
        break;
      }
      case 'SHORT_TEXT':
      case 'LONG_TEXT':
        columns.push({ sql: first('a.text'), text: true });
        break;
      case 'SCALE':
      case 'NUMBER':
        columns.push({ sql: first('a.value'), text: false });
        break;
      default:
        for (const o of q.options) columns.push({ sql: first('a.value', ` AND a.option_id = ${int(o.id)}`), text: false });
    }
  });
  // The answers are read in response order (a merge join, no sort) between the survey's first and last
  // response: the scan starts at the first, and its last group ends without reading the answers after it.
  const bound = (end: 'min' | 'max') => `(SELECT ${end}(id) FROM survey_response WHERE survey_id = ${int(survey.id)})`;
  const cells = columns.map((c, i) => (c.text ? csvSql.text(`x.c${i}`) : `x.c${i}`));
  const answers = columns.length
    ? `LEFT JOIN (SELECT a.response_id, ${columns.map((c, i) => `${c.sql} AS c${i}`).join(', ')}
         FROM survey_answer a
         WHERE a.question_id IN (${survey.questions.map((q) => int(q.id)).join(', ')}) AND a.response_id BETWEEN ${bound('min')} AND ${bound('max')}
         GROUP BY a.response_id) x ON x.response_id = r.id`
    : '';
  return `SELECT r.id, ${csvSql.warsawMinute('r.submitted_at')}${cells.map((c) => `, ${c}`).join('')}
    FROM survey_response r ${answers}
    WHERE r.survey_id = ${int(survey.id)} ORDER BY r.id`;
}

function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw new TypeError(`not an integer: ${n}`);
  return n;
}
