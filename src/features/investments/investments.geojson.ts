// Public investments as a GeoJSON FeatureCollection (RFC 7946): WGS 84, coordinates [longitude, latitude].
import type { Fmt } from '../consultations/consultations.view.js';
import { formatBudget } from './investments.format.js';
import type { InvestmentPoint } from './investments.queries.js';
import { investmentUrls } from './investments.urls.js';
import { paramOfStatus } from './investment-status.js';

export function investmentsGeoJson(fmt: Fmt, points: readonly InvestmentPoint[], baseUrl: string) {
  return {
    type: 'FeatureCollection' as const,
    features: points.map((p) => ({
      type: 'Feature' as const,
      id: p.id,
      geometry: { type: 'Point' as const, coordinates: [p.longitude, p.latitude] },
      properties: {
        title: p.title,
        url: new URL(investmentUrls.show(p), baseUrl).href,
        path: investmentUrls.show(p),
        status: paramOfStatus(p.status),
        statusLabel: fmt.t(`investments.status.${p.status}`),
        budget: p.budgetGrosze === null ? null : formatBudget(p.budgetGrosze, fmt.locale),
        address: p.address,
        districts: p.districts.map((d) => d.district.name),
      },
    })),
  };
}
