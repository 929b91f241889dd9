// /.well-known/security.txt (RFC 9116): Contact from SECURITY_CONTACT, an Expires within a year, plain text.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';

const ctx = useTestApp({ SECURITY_CONTACT: 'mailto:csirt@czestochowa.example', BASE_URL: 'https://konsultacje.example.org' });

describe('security.txt', () => {
  it('names the configured contact and expires a year from now, as RFC 9116 asks', async () => {
    const res = await request(ctx.app).get('/.well-known/security.txt').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const fields = Object.fromEntries(res.text.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
    expect(fields.Contact).toBe('mailto:csirt@czestochowa.example');
    expect(fields.Expires).toBe('2027-11-24T10:00:00Z');
    expect(fields.Canonical).toBe('https://konsultacje.example.org/.well-known/security.txt');
    expect(fields['Preferred-Languages']).toBe('pl, en');
  });

  it('refuses a contact that is neither mailto: nor https:', async () => {
    const { parseConfig } = await import('../../src/config.js');
    expect(() => parseConfig({ NODE_ENV: 'test', SECURITY_CONTACT: 'http://insecure.example' })).toThrow(/SECURITY_CONTACT/);
  });
});
