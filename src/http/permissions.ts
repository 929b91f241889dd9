// The one answer to "may this user do this (to this record)": role, then department or district ownership.
// Used by route guards, handlers after loading a record, and templates (as `can`).
import type { Role } from '../generated/prisma/enums.js';

export interface Actor {
  id: number;
  role: Role;
  departmentId: number | null;
  districtId: number | null;
  /** Member of the department that coordinates consultations (department.coordinates_consultations). */
  coordinator?: boolean;
}

/** The owner of a record, when the action concerns one. */
export interface Scope {
  departmentId?: number | null;
  districtId?: number | null;
}

export const ACTIONS = [
  'panel:view',
  'users:manage',
  'dictionaries:manage',
  'settings:edit',
  'audit:view',
  'consultations:manage',
  'investments:manage',
  'surveys:manage',
  'news:manage',
  'districtPage:edit',
  'moderation:review',
  /** Residents' requests for a document in another format, to the staff who own the document. */
  'formatRequests:handle',
  /** The .eml files written instead of sending e-mail (administrators only). */
  'outbox:view',
  /** Assess residents' and councils' requests for consultations, enter paper signature lists. */
  'requests:assess',
  /** Keep the annual plan of consultations. */
  'plan:manage',
  /** File a district council's request for a consultation. */
  'requests:file',
] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = (actor: Actor, record: Scope | undefined) => boolean;

const ownDepartment: Rule = (actor, record) => record === undefined || (actor.departmentId !== null && record.departmentId === actor.departmentId);
// The coordinating office (e.g. BIK) is the department flagged in the data, not a role.
const coordinatingOffice: Rule = (actor) => actor.coordinator === true;
const ownDistrict: Rule = (actor, record) => record === undefined || (actor.districtId !== null && record.districtId === actor.districtId);

// Administrators may do everything; other roles only what is listed. Without a record the
// question is coarse ("may this role do this at all"), asked on the route line.
const RULES: Record<Exclude<Role, 'ADMIN'>, Partial<Record<Action, Rule>>> = {
  DEPARTMENT_STAFF: {
    'panel:view': () => true,
    'consultations:manage': ownDepartment,
    'investments:manage': ownDepartment,
    'surveys:manage': ownDepartment,
    'requests:assess': coordinatingOffice,
    'plan:manage': coordinatingOffice,
    'formatRequests:handle': ownDepartment,
  },
  COUNCILLOR: {
    'panel:view': () => true,
    'news:manage': ownDistrict,
    'districtPage:edit': ownDistrict,
    'requests:file': ownDistrict,
    'formatRequests:handle': ownDistrict,
  },
  MODERATOR: {
    'panel:view': () => true,
    'moderation:review': () => true,
  },
};

export function can(actor: Actor | null | undefined, action: Action, record?: Scope): boolean {
  if (!actor) return false;
  if (actor.role === 'ADMIN') return true;
  const rule = RULES[actor.role][action];
  return rule ? rule(actor, record) : false;
}
