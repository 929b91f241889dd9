// All responses of a survey as a table, one row per response: pages of responses by id (keyset), each
// page's answers in one query, so an export of any size holds one page in memory at a time.
import type pg from 'pg';
import { keysetPages, type Cell } from '../../lib/tabular-export.js';
import type { QuestionDefinition, SurveyDefinition } from './surveys.queries.js';

const PAGE_SIZE = 1000;

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

/** Rows of the export: response number, time, then the answers in the columns' order. */
export async function* responseRows(pool: pg.Pool, survey: Pick<SurveyDefinition, 'id' | 'questions'>, otherLabel: string): AsyncGenerator<Cell[]> {
  const { cellsOf } = exportColumns(survey, otherLabel);
  const pages = keysetPages(
    async (after: number | null) => {
      // Plain pg here: tens of thousands of small rows a page, without the ORM's per-row work.
      const { rows: responses } = await pool.query<{ id: number; submitted_at: Date }>(
        'SELECT id, submitted_at FROM survey_response WHERE survey_id = $1 AND id > $2 ORDER BY id LIMIT $3',
        [survey.id, after ?? 0, PAGE_SIZE],
      );
      if (responses.length === 0) return [];
      const { rows: answers } = await pool.query<AnswerRow & { response_id: number }>(
        'SELECT response_id, question_id, option_id, value, text FROM survey_answer WHERE response_id = ANY($1::int[]) ORDER BY response_id, id',
        [responses.map((r) => r.id)],
      );
      const byResponse = new Map<number, AnswerRow[]>();
      for (const a of answers) (byResponse.get(a.response_id) ?? byResponse.set(a.response_id, []).get(a.response_id)!).push(a);
      return responses.map((r) => ({ id: r.id, cells: [r.id, r.submitted_at, ...cellsOf(byResponse.get(r.id) ?? [])] as Cell[] }));
    },
    (row) => row.id,
  );
  for await (const row of pages) yield row.cells;
}
