// The five statuses of an investment, as stored (enum) and as written in addresses (Polish, stable).
import type { InvestmentStatus } from '../../generated/prisma/enums.js';

export const STATUS_PARAMS = {
  planowana: 'PLANNED',
  'w-przygotowaniu': 'PREPARATION',
  'w-realizacji': 'IN_PROGRESS',
  zrealizowana: 'COMPLETED',
  wstrzymana: 'SUSPENDED',
} as const satisfies Record<string, InvestmentStatus>;

export type StatusParam = keyof typeof STATUS_PARAMS;
export const STATUS_PARAM_LIST = Object.keys(STATUS_PARAMS) as [StatusParam, ...StatusParam[]];
export const STATUSES = Object.values(STATUS_PARAMS) as InvestmentStatus[];

export const paramOfStatus = (status: InvestmentStatus): StatusParam => STATUS_PARAM_LIST.find((p) => STATUS_PARAMS[p] === status)!;

/** "Current" on the home page: being prepared or built. */
export const CURRENT_STATUSES: InvestmentStatus[] = ['IN_PROGRESS', 'PREPARATION'];
