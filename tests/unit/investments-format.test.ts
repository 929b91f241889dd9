// Money of investments as residents read it ("12,6 mln zł") and as staff type it (złoty, spaces, a comma).
import { describe, expect, it } from 'vitest';
import { formatAmount, formatBudget, parseZloty, sharePercent, zlotyInput } from '../../src/features/investments/investments.format.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatBudget', () => {
  it('writes millions and billions the Polish way, with one decimal only when needed', () => {
    expect(plain(formatBudget(1_260_000_000n))).toBe('12,6 mln zł');
    expect(plain(formatBudget(1_264_999_900n))).toBe('12,6 mln zł');
    expect(plain(formatBudget(100_000_000n))).toBe('1 mln zł');
    expect(plain(formatBudget(30_240_000_000n))).toBe('302,4 mln zł');
    expect(plain(formatBudget(123_456_789_000n))).toBe('1,2 mld zł');
    expect(plain(formatBudget(85_000_000n))).toBe('850 tys. zł');
  });

  it('writes small amounts in full, and uses non-breaking spaces so "mln zł" never wraps away', () => {
    expect(plain(formatBudget(950_000n))).toBe('9500 zł');
    expect(plain(formatBudget(0n))).toBe('0 zł');
    expect(formatBudget(1_260_000_000n)).toBe('12,6\u00a0mln\u00a0zł');
  });

  it('speaks English too', () => {
    expect(plain(formatBudget(1_260_000_000n, 'en'))).toBe('PLN 12.6m');
  });
});

describe('formatAmount', () => {
  it('gives the exact amount, grosze only when there are some', () => {
    expect(plain(formatAmount(1_260_000_000n))).toBe('12 600 000 zł');
    expect(plain(formatAmount(123_450n))).toBe('1234,50 zł');
  });
});

describe('parseZloty and zlotyInput', () => {
  it('reads what staff type: spaces, a comma or a dot, "zł"', () => {
    expect(parseZloty('12 600 000')).toBe(1_260_000_000n);
    expect(parseZloty('12\u00a0600\u00a0000 zł')).toBe(1_260_000_000n);
    expect(parseZloty('1250,5')).toBe(125_050n);
    expect(parseZloty('1250.55')).toBe(125_055n);
    expect(parseZloty('0')).toBe(0n);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '-5', '12,345', 'dwanaście', '1e6', '12.6 mln', '1,2,3']) expect(parseZloty(bad), bad).toBeNull();
  });

  it('writes grosze back for the form', () => {
    expect(zlotyInput(1_260_000_000n)).toBe('12600000');
    expect(zlotyInput(125_050n)).toBe('1250,50');
    expect(zlotyInput(null)).toBe('');
    expect(parseZloty(zlotyInput(125_005n))).toBe(125_005n);
  });
});

describe('sharePercent', () => {
  it('rounds to whole percent and needs both amounts', () => {
    expect(sharePercent(1_071_000_000n, 1_260_000_000n)).toBe(85);
    expect(sharePercent(null, 1n)).toBeNull();
    expect(sharePercent(1n, 0n)).toBeNull();
  });
});
