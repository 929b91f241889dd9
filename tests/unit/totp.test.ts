import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUrl, totp, verifyTotp } from '../../src/features/auth/totp.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
const SEED = Buffer.from('12345678901234567890');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(VECTORS)('gives the RFC 6238 SHA-1 value at T=%i', (seconds, expected) => {
    expect(hotp(SEED, BigInt(Math.floor(seconds / 30)), 8)).toBe(expected);
  });

  it('gives the RFC 4226 HOTP values for counters 0 to 9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(SEED, BigInt(i)))).toEqual(expected);
  });

  it('writes and reads base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('accepts the code of this step and its neighbours, once', () => {
    const secret = base32Encode(SEED);
    const at = new Date('2026-11-24T10:00:10Z');
    const code = totp(secret, at);
    const step = verifyTotp(secret, code, at, null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, new Date(at.getTime() + 30_000), null)).toBe(step);
    expect(verifyTotp(secret, code, new Date(at.getTime() + 90_000), null)).toBeNull();
    // Replayed: the same step again is refused.
    expect(verifyTotp(secret, code, at, step)).toBeNull();
    expect(verifyTotp(secret, '12345', at, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('builds the otpauth link the apps read', () => {
    expect(otpauthUrl('JBSWY3DPEHPK3PXP', 'anna@example.org', 'Konsultacje Częstochowa')).toBe(
      'otpauth://totp/Konsultacje%20Cz%C4%99stochowa%3Aanna%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Konsultacje+Cz%C4%99stochowa&algorithm=SHA1&digits=6&period=30',
    );
  });
});
