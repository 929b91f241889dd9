// Typed errors: services and handlers throw these; the one error handler renders them.
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** A message catalogue key shown to the user. */
    readonly messageKey: string,
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(messageKey = 'errors.badRequest.body') {
    super(400, messageKey);
  }
}
export class NotFoundError extends AppError {
  constructor(messageKey = 'errors.notFound.body') {
    super(404, messageKey);
  }
}
export class ForbiddenError extends AppError {
  constructor(messageKey = 'errors.forbidden.body') {
    super(403, messageKey);
  }
}
/** Sends the visitor to the login page, and back here after login. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super(401, 'auth.loginRequired');
  }
}
export class ConflictError extends AppError {
  constructor(messageKey = 'errors.conflict.body') {
    super(409, messageKey);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(
    messageKey = 'errors.tooManyRequests.body',
    readonly retryAfterSeconds?: number,
  ) {
    super(429, messageKey);
  }
}
/** A rule the database decides (duplicate e-mail...), shown at the field like a zod error.
 * The status is 422 unless the refusal has a more precise one (413 for a file too large). */
export class FormError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    status = 422,
  ) {
    super(status, 'errors.form.summary');
  }
}
