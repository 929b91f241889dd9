import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), BASE_URL: 'https://konsultacje.czestochowa.pl' };

describe('e-mail configuration', () => {
  it('writes to <DATA_DIR>/outbox without SMTP_URL, from a sender named after the site', () => {
    const config = parseConfig({ DATA_DIR: 'dane' });
    expect(config.mail).toEqual({ smtpUrl: undefined, outboxDir: path.resolve('dane', 'outbox'), from: '"Konsultacje Społeczne Częstochowy" <powiadomienia@example.org>' });
    expect(parseConfig({ MAIL_OUTBOX_DIR: '/tmp/poczta' }).mail.outboxDir).toBe('/tmp/poczta');
    expect(parseConfig({}).subscribe).toEqual({ maxPerIpPerHour: 10, maxPerAddressPerDay: 3 });
  });

  it('accepts smtp:// and smtps:// URLs only, and names the variable otherwise', () => {
    expect(parseConfig({ SMTP_URL: 'smtps://user:haslo@smtp.example.org:465' }).mail.smtpUrl).toBe('smtps://user:haslo@smtp.example.org:465');
    expect(() => parseConfig({ SMTP_URL: 'http://smtp.example.org' })).toThrow(/SMTP_URL/);
    expect(() => parseConfig({ MAIL_FROM: 'bez-malpy' })).toThrow(/MAIL_FROM/);
    expect(() => parseConfig({ MAIL_FROM: 'a@b.pl\r\nBcc: x@y.pl' })).toThrow(/MAIL_FROM/);
    expect(() => parseConfig({ SUBSCRIBE_MAX_PER_IP: '0' })).toThrow(/SUBSCRIBE_MAX_PER_IP/);
  });

  it('requires MAIL_FROM in production when SMTP_URL is set', () => {
    expect(() => parseConfig({ ...production, SMTP_URL: 'smtp://relay.example.org' })).toThrow(/MAIL_FROM: is required in production when SMTP_URL is set/);
    const ok = parseConfig({ ...production, SMTP_URL: 'smtp://relay.example.org', MAIL_FROM: '"Konsultacje" <konsultacje@czestochowa.um.gov.pl>' });
    expect(ok.mail.from).toBe('"Konsultacje" <konsultacje@czestochowa.um.gov.pl>');
  });
});
