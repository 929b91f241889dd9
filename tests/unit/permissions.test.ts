import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action, type Actor } from '../../src/http/permissions.js';

const admin: Actor = { id: 1, role: 'ADMIN', departmentId: null, districtId: null };
const staff: Actor = { id: 2, role: 'DEPARTMENT_STAFF', departmentId: 10, districtId: null };
const councillor: Actor = { id: 3, role: 'COUNCILLOR', departmentId: null, districtId: 20 };
const moderator: Actor = { id: 4, role: 'MODERATOR', departmentId: null, districtId: null };

// The whole matrix, written out so a changed rule shows up here as a changed line.
const ALLOWED: Record<string, readonly Action[]> = {
  ADMIN: ACTIONS,
  DEPARTMENT_STAFF: ['panel:view', 'consultations:manage', 'investments:manage', 'surveys:manage', 'formatRequests:handle'],
  COUNCILLOR: ['panel:view', 'news:manage', 'districtPage:edit', 'requests:file', 'formatRequests:handle'],
  MODERATOR: ['panel:view', 'moderation:review'],
};

describe('can(): role matrix without a record', () => {
  for (const actor of [admin, staff, councillor, moderator]) {
    for (const action of ACTIONS) {
      const expected = ALLOWED[actor.role]!.includes(action);
      it(`${actor.role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actor, action)).toBe(expected);
      });
    }
  }

  it('refuses everything to an anonymous visitor', () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
    for (const action of ACTIONS) expect(can(undefined, action)).toBe(false);
  });
});

describe('can(): the coordinating office', () => {
  it('lets only staff of the coordinating department assess requests and keep the plan', () => {
    const office: Actor = { ...staff, coordinator: true };
    expect(can(office, 'requests:assess')).toBe(true);
    expect(can(office, 'plan:manage')).toBe(true);
    expect(can(staff, 'requests:assess')).toBe(false);
    expect(can(staff, 'plan:manage')).toBe(false);
    expect(can({ ...councillor, coordinator: true }, 'requests:assess')).toBe(false);
  });

  it('lets a councillor file requests only for their own district', () => {
    expect(can(councillor, 'requests:file', { districtId: 20 })).toBe(true);
    expect(can(councillor, 'requests:file', { districtId: 21 })).toBe(false);
  });
});

describe('can(): ownership', () => {
  it('lets department staff manage only their own department’s records', () => {
    expect(can(staff, 'consultations:manage', { departmentId: 10 })).toBe(true);
    expect(can(staff, 'consultations:manage', { departmentId: 11 })).toBe(false);
    expect(can(staff, 'investments:manage', { departmentId: 11 })).toBe(false);
    expect(can(staff, 'surveys:manage', { departmentId: null })).toBe(false);
    expect(can(staff, 'formatRequests:handle', { departmentId: 10 })).toBe(true);
    expect(can(staff, 'formatRequests:handle', { departmentId: 11 })).toBe(false);
    expect(can(staff, 'formatRequests:handle', { departmentId: null, districtId: null })).toBe(false);
  });

  it('lets a councillor manage only their own district', () => {
    expect(can(councillor, 'news:manage', { districtId: 20 })).toBe(true);
    expect(can(councillor, 'news:manage', { districtId: 21 })).toBe(false);
    expect(can(councillor, 'districtPage:edit', { districtId: 21 })).toBe(false);
    expect(can(councillor, 'news:manage', {})).toBe(false);
    expect(can(councillor, 'formatRequests:handle', { districtId: 20 })).toBe(true);
    expect(can(councillor, 'formatRequests:handle', { departmentId: 10, districtId: null })).toBe(false);
  });

  it('does not let a member without a department match records without one', () => {
    const unassigned: Actor = { ...staff, departmentId: null };
    expect(can(unassigned, 'consultations:manage', { departmentId: null })).toBe(false);
  });

  it('never lets a role act on another scope it does not hold', () => {
    expect(can(staff, 'news:manage', { districtId: 20 })).toBe(false);
    expect(can(councillor, 'consultations:manage', { departmentId: 10 })).toBe(false);
    expect(can(moderator, 'consultations:manage', { departmentId: 10 })).toBe(false);
  });

  it('lets an administrator act on any record', () => {
    expect(can(admin, 'consultations:manage', { departmentId: 99 })).toBe(true);
    expect(can(admin, 'news:manage', { districtId: 99 })).toBe(true);
  });
});
