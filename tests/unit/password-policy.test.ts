import { describe, expect, it } from 'vitest';
import { commonPasswords, passwordProblem } from '../../src/features/auth/password-policy.js';

describe('password rules', () => {
  it('ships the list of 49,233 common passwords, lower-case, most common first', () => {
    const list = commonPasswords();
    expect(list.size).toBe(49_233);
    expect([...list].slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });

  it.each([
    ['', 'validation.password.required'],
    ['krótkie1!', 'validation.password.tooShort'],
    // 11 characters of which one is a two-unit emoji: counted as characters, not UTF-16 units.
    ['abcdefghij😀', 'validation.password.tooShort'],
    ['password1234', 'validation.password.common'],
    ['PASSWORD1234', 'validation.password.common'],
    ['qwertyuiop123!!', 'validation.password.common'],
    ['iloveyou2026!', 'validation.password.common'],
    ['aaaaaaaaaaaaaaaa', 'validation.password.simple'],
    ['abababababababab', 'validation.password.simple'],
    ['x'.repeat(1025), 'validation.tooLong?max=1024'],
  ])('refuses %j with %s', (password, key) => {
    expect(passwordProblem(password)).toBe(key);
  });

  it('refuses a password built on the account’s own address', () => {
    expect(passwordProblem('magda.kaminska-2026!', { email: 'magda.kaminska@example.org' })).toBe('validation.password.containsEmail');
  });

  it.each(['Zielony Tramwaj Na Rakowie 7', 'Konsultacje2010!', 'Poprawne-Haslo-2026', 'kot ma ale i psa'])('accepts %j', (password) => {
    expect(passwordProblem(password, { email: 'anna@example.org' })).toBeNull();
  });
});
