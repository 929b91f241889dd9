// Route-line guards: who may reach a route at all. Record-level checks follow in handlers via `can`.
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import { can, type Action } from './permissions.js';

export function requireUser(req: Request, _res: Response, next: NextFunction) {
  if (!req.user) throw new UnauthenticatedError();
  next();
}

export function requirePermission(action: Action) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) throw new UnauthenticatedError();
    if (!can(req.user, action)) throw new ForbiddenError();
    next();
  };
}
