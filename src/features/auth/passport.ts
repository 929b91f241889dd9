// Passport with the local strategy; the session stores the user id only, the user is reloaded per request.
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Db } from '../../db/client.js';
import { findSessionUser, type SessionUser } from '../users/users.service.js';
import { verifyCredentials } from './auth.service.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

export function createPassport(db: Db) {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: true }, (email, password, done) => {
      // Only the id is needed here: serializeUser stores it, deserializeUser loads the full user.
      verifyCredentials(db, email, password).then((found) => done(null, found ? (found as Express.User) : false), done);
    }),
  );
  passport.serializeUser<number>((user, done) => done(null, (user as { id: number }).id));
  passport.deserializeUser<number>((id, done) => {
    findSessionUser(db, id).then((user) => done(null, user ?? false), done);
  });
  return passport;
}
