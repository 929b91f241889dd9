// Browser-like HTTP: a cookie-keeping agent, CSRF tokens read from the form, DOM assertions with cheerio.
import * as cheerio from 'cheerio';
import type { Express } from 'express';
import request from 'supertest';
import { TEST_PASSWORD } from './factories.js';

export type Agent = ReturnType<typeof request.agent>;

export function html(text: string) {
  return cheerio.load(text);
}

export function csrfFrom(text: string): string {
  const token = cheerio.load(text)('input[name="_csrf"]').first().val();
  if (typeof token !== 'string' || token === '') throw new Error('no CSRF token in the page');
  return token;
}

/** GETs a page and returns the CSRF token of its first form. */
export async function csrfToken(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path).expect(200);
  return csrfFrom(page.text);
}

export async function loginAs(app: Express, email: string, password = TEST_PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/logowanie');
  const response = await agent.post('/logowanie').type('form').send({ _csrf: token, email, password });
  if (response.status !== 303) throw new Error(`login failed for ${email}: ${response.status}`);
  return agent;
}

/** The text of the field error shown beside an input, as a resident reads it. */
export function fieldError(text: string, name: string): string {
  return cheerio.load(text)(`#${name}-error`).text().replace(/\s+/g, ' ').trim();
}

/** Opens the page with the form (for its CSRF token), then submits the fields like a browser. */
export async function submitForm(agent: Agent, formPage: string, action: string, fields: Record<string, string>) {
  const token = await csrfToken(agent, formPage);
  return agent.post(action).type('form').send({ _csrf: token, ...fields });
}
