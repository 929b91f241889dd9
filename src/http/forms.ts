// zod at the edge: parse a body or query into typed data, or into field errors keyed by the HTML name.
import type { Response } from 'express';
import { z } from 'zod';
import { FormError, type FieldErrors } from './errors.js';

export type FormValues = Record<string, unknown>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    (errors[field] ??= []).push(issue.message);
  }
  return { ok: false, errors, values: safeValues(input) };
}

/** What a form re-renders with: strings only, never secrets. */
export function safeValues(input: unknown, omit: readonly string[] = ['password', '_csrf']): FormValues {
  if (typeof input !== 'object' || input === null) return {};
  const values: FormValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (!omit.includes(key) && (typeof value === 'string' || Array.isArray(value))) values[key] = value;
  }
  return values;
}

/** Renders a form view with errors: status 422 unless given, values kept, messages at each field. */
export function renderForm(res: Response, view: string, model: Record<string, unknown>, errors: FieldErrors = {}, status = 422) {
  res.status(Object.keys(errors).length > 0 ? status : 200).render(view, { errors, values: {}, ...model });
}

/**
 * Runs what a valid form asks for. A FormError (a rule only the service can check: a taken address, a
 * date the consultation's state forbids) is shown on the form instead, by `refused`; any other error
 * propagates. Resolves to whether the action went through.
 */
export async function withFormRefusal(action: () => Promise<unknown>, refused: (errors: FieldErrors, status: number) => unknown): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    await refused(error.fieldErrors, error.status);
    return false;
  }
}

/** A field error with parameters, as the templates' `te` reads it: "uploads.tooLarge?name=a.pdf&max=25+MB". */
export function fieldMessage(key: string, params: Record<string, string>): string {
  return `${key}?${new URLSearchParams(params).toString()}`;
}

// Shared field helpers: trim, and treat an empty field as missing so "required" messages show.
export const text = (requiredKey: string, max = 500) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: requiredKey }).min(1, requiredKey).max(max, `validation.tooLong?max=${max}`));

/** A text field that may be left empty: trimmed, '' when missing. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : (v ?? '')), z.string({ error: 'validation.invalid' }).max(max, `validation.tooLong?max=${max}`));

export const email = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string({ error: 'validation.email.required' }).min(1, 'validation.email.required').max(254, 'validation.email.invalid').pipe(z.email('validation.email.invalid')),
  );
