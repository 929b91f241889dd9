// Residents' responses: the survey must be open and the participation rule kept; the response and all
// its answers are written in one transaction, or nothing is. Also the one-time e-mail links.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { ConflictError } from '../../http/errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { hashToken, isTokenShaped, newLinkToken } from '../../lib/link-tokens.js';
import type { AnswerRow } from './survey-answers.js';
import { surveyKeys } from './survey-participation.js';
import { phaseOf, type SurveyDefinition } from './surveys.queries.js';

export const EMAIL_LINK_HOURS = 24;
export const SURVEY_LINK_MAIL = 'survey-link';

export interface ResponseContext {
  db: Db;
  /** The pool under Prisma: the submission's statement goes through pg itself (below). */
  pool: pg.Pool;
  now: Date;
  secret: string;
}

/** Who answers: a browser id (one per browser) or the e-mail link's token (one per e-mail). */
export interface Participant {
  browserId: string | null;
  emailToken: string | null;
  /** The district the respondent named, when the survey asks (checked against the districts). */
  districtId?: number | null;
}

// A unique index refused the response: SQLSTATE 23505 from pg, P2002 from Prisma's model calls.
const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } } } | null;
  return e?.code === '23505' || e?.code === 'P2002' || e?.meta?.code === '23505' || e?.meta?.driverAdapterError?.cause?.originalCode === '23505';
};

/**
 * The response and its answers in one statement (so one transaction and one round trip); the answer
 * rows go in as parallel arrays. survey_tally's trigger counts them before the statement ends. A named
 * statement, through pg rather than Prisma's raw query: each connection parses and plans it once, and
 * the submission skips Prisma's query engine (decision 52).
 */
const INSERT_RESPONSE = {
  name: 'survey-response-insert',
  text: `WITH response AS (
      INSERT INTO survey_response (survey_id, submitted_at, browser_key, email_key, district_id) VALUES ($1, $2, $3, $4, $5) RETURNING id
    ), answers AS (
      INSERT INTO survey_answer (response_id, question_id, option_id, value, text)
      SELECT response.id, a.question_id, a.option_id, a.value, a.text
        FROM response, unnest($6::int[], $7::int[], $8::int[], $9::text[]) AS a(question_id, option_id, value, text)
    )
    SELECT id FROM response`,
};

async function insertResponse(client: pg.Pool | pg.PoolClient, surveyId: number, now: Date, keys: { browserKey: string | null; emailKey: string | null; districtId: number | null }, answers: AnswerRow[]): Promise<number> {
  const { rows } = await client.query<{ id: number }>({
    ...INSERT_RESPONSE,
    values: [surveyId, now, keys.browserKey, keys.emailKey, keys.districtId, answers.map((a) => a.questionId), answers.map((a) => a.optionId), answers.map((a) => a.value), answers.map((a) => a.text)],
  });
  return rows[0]!.id;
}

export function assertOpen(survey: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>, now: Date): void {
  const phase = phaseOf(survey, now);
  if (phase !== 'open') throw new ConflictError(phase === 'closed' ? 'surveys.refused.closed' : 'surveys.refused.notOpen');
}

/** Stores a checked response; a repeated one (same browser, same address, used link) writes nothing. */
export async function submitResponse(ctx: ResponseContext, survey: SurveyDefinition, answers: AnswerRow[], who: Participant): Promise<number> {
  assertOpen(survey, ctx.now);
  const keys = surveyKeys(ctx.secret);
  const browserKey = survey.participation === 'ONE_PER_BROWSER' && who.browserId ? keys.browser(survey.id, who.browserId) : null;
  try {
    if (survey.participation !== 'ONE_PER_EMAIL') return await insertResponse(ctx.pool, survey.id, ctx.now, { browserKey, emailKey: null, districtId: who.districtId ?? null }, answers);
    return await withTransaction(ctx.pool, async (client) => {
      if (!isTokenShaped(who.emailToken)) throw new ConflictError('surveys.refused.needLink');
      const tokenHash = hashToken(who.emailToken);
      const found = await client.query<{ survey_id: number; email_key: string; used_at: Date | null }>(`SELECT survey_id, email_key, used_at FROM survey_email_token WHERE token_hash = $1`, [tokenHash]);
      const token = found.rows[0];
      if (!token || token.survey_id !== survey.id) throw new ConflictError('surveys.refused.badLink');
      // The conditional update is the guard: of two submissions racing with one link, one wins.
      const used = await client.query(`UPDATE survey_email_token SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`, [tokenHash, ctx.now]);
      if (used.rowCount !== 1) throw new ConflictError(token.used_at ? 'surveys.refused.linkUsed' : 'surveys.refused.linkExpired');
      return insertResponse(client, survey.id, ctx.now, { browserKey: null, emailKey: token.email_key, districtId: who.districtId ?? null }, answers);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(survey.participation === 'ONE_PER_EMAIL' ? 'surveys.refused.emailAnswered' : 'surveys.refused.browserAnswered');
    throw error;
  }
}

/** Whether this browser has answered already (to say so instead of showing the form again). */
export async function answeredFromBrowser(ctx: ResponseContext, survey: Pick<SurveyDefinition, 'id' | 'participation'>, browserId: string | null): Promise<boolean> {
  if (survey.participation !== 'ONE_PER_BROWSER' || !browserId) return false;
  const found = await ctx.db.surveyResponse.findFirst({ where: { surveyId: survey.id, browserKey: surveyKeys(ctx.secret).browser(survey.id, browserId) }, select: { id: true } });
  return found !== null;
}

/** What a link from the e-mail opens: the form, or why not. */
export async function emailLinkState(db: Db, surveyId: number, token: unknown, now: Date): Promise<'valid' | 'used' | 'expired' | 'unknown'> {
  if (!isTokenShaped(token)) return 'unknown';
  const row = await db.surveyEmailToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { surveyId: true, usedAt: true, expiresAt: true } });
  if (!row || row.surveyId !== surveyId) return 'unknown';
  if (row.usedAt) return 'used';
  return row.expiresAt <= now ? 'expired' : 'valid';
}

/**
 * Queues the e-mail with a one-time link. An address that has answered gets nothing; the page says
 * the same in every case, so it tells no one whether an address took part.
 */
export async function requestEmailLink(ctx: ResponseContext & { jobs: JobQueue }, survey: SurveyDefinition, email: string): Promise<void> {
  assertOpen(survey, ctx.now);
  const emailKey = surveyKeys(ctx.secret).email(survey.id, email);
  const answered = await ctx.db.surveyResponse.findFirst({ where: { surveyId: survey.id, emailKey }, select: { id: true } });
  if (answered) return;
  await withTransaction(ctx.pool, async (client) => {
    // Links never sent (the address still waiting) and expired ones are cleared on the way.
    await client.query(`DELETE FROM survey_email_token WHERE expires_at < $1`, [ctx.now]);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO survey_email_token (survey_id, email_key, email, expires_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [survey.id, emailKey, email, new Date(ctx.now.getTime() + EMAIL_LINK_HOURS * 3600_000), ctx.now],
    );
    const tokenId = rows[0]!.id;
    await queueMail(client, ctx.jobs, [{ dedupeKey: `${SURVEY_LINK_MAIL}:${tokenId}`, kind: SURVEY_LINK_MAIL, tokenId }]);
  });
}

/**
 * At send time: mints the link's token, keeps only its hash and forgets the address, in one
 * statement. A retried job finds no address and sends nothing (the resident can ask again).
 */
export async function takeLinkForSending(pool: pg.Pool, tokenId: number): Promise<{ email: string; token: string; surveyId: number } | null> {
  const { token, hash } = newLinkToken();
  const { rows } = await pool.query<{ email: string; survey_id: number }>(
    `UPDATE survey_email_token t SET token_hash = $2, email = NULL
       FROM (SELECT id, email FROM survey_email_token WHERE id = $1 AND email IS NOT NULL FOR UPDATE) old
      WHERE t.id = old.id RETURNING old.email, t.survey_id`,
    [tokenId, hash],
  );
  const row = rows[0];
  return row ? { email: row.email, token, surveyId: row.survey_id } : null;
}
