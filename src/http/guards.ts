// Route-line guards: who may reach a route at all. Record-level checks follow in handlers via `can`.
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import { can, type Action } from './permissions.js';

/** What a guard declares it checks, read by the attack suite (tests/helpers/routes.ts) from the route table. */
export const GUARD = Symbol.for('konsultacje.guard');

export function requireUser(req: Request, _res: Response, next: NextFunction) {
  if (!req.user) throw new UnauthenticatedError();
  next();
}
(requireUser as unknown as Record<symbol, string>)[GUARD] = 'user';

export function requirePermission(action: Action) {
  const guard = (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) throw new UnauthenticatedError();
    if (!can(req.user, action)) throw new ForbiddenError();
    next();
  };
  return Object.assign(guard, { [GUARD]: action });
}
