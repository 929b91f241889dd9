// The arithmetic done on aggregate rows: medians of a distribution and the ranges of a number question.
import { describe, expect, it } from 'vitest';
import { distributionStats, numberBins } from '../../src/features/surveys/survey-results.js';

describe('results arithmetic', () => {
  it('takes mean, median, min and max from value counts', () => {
    expect(distributionStats([{ value: 5, n: 1 }, { value: 1, n: 2 }, { value: 3, n: 1 }])).toEqual({ mean: 2.5, median: 2, min: 1, max: 5 });
    expect(distributionStats([{ value: 7, n: 3 }])).toEqual({ mean: 7, median: 7, min: 7, max: 7 });
    expect(distributionStats([])).toBeNull();
  });

  it('groups many different numbers into ten equal ranges, counting every answer once', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ value: i, n: i === 0 ? 5 : 1 }));
    const bins = numberBins(rows, 104);
    expect(bins.map((b) => b.label)).toEqual(['0–9', '10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90–99']);
    expect(bins[0]).toEqual({ label: '0–9', count: 14, percent: (100 * 14) / 104 });
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(104);
  });
});
