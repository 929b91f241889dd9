// Route parameters are parsed like any other input: a malformed id is a 404, never a 500.
import { z } from 'zod';
import { NotFoundError } from './errors.js';

/** A database id as written in a URL: digits only, no sign, exponent or leading zero, within PostgreSQL's integer. */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));

/** The id in a route parameter, or a 404. */
export function routeId(value: unknown): number {
  const parsed = idParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** A slug as slugFrom() makes it: lower-case letters, digits and single dashes. */
export const slugParam = z.string().max(160).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The slug in a route parameter, or a 404. */
export function routeSlug(value: unknown): string {
  const parsed = slugParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}
