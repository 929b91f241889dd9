// Forms of staff administration. Only these fields are read: nothing else a request carries (an
// "active" flag, a password hash, another id) reaches the account.
import { z } from 'zod';
import { email, text } from '../../http/forms.js';
import { ROLES } from './users.service.js';

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ error: 'validation.invalid' }).int().positive('validation.invalid').max(2_147_483_647).nullable());

const fields = {
  name: text('users.validation.name', 120),
  role: z.enum(ROLES, { error: 'users.validation.role' }),
  departmentId: optionalId,
  districtId: optionalId,
};

type Scoped = { role: (typeof ROLES)[number]; departmentId: number | null; districtId: number | null };
/** A department member needs a department, a councillor a district; other roles keep neither. */
function scopeRule(data: Scoped, ctx: z.RefinementCtx) {
  if (data.role === 'DEPARTMENT_STAFF' && !data.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'validation.department.required' });
  if (data.role === 'COUNCILLOR' && !data.districtId) ctx.addIssue({ code: 'custom', path: ['districtId'], message: 'validation.district.required' });
}

export const userSchema = z.object(fields).superRefine(scopeRule);
export type UserInput = z.infer<typeof userSchema>;

export const inviteSchema = z.object({ email: email(), ...fields }).superRefine(scopeRule);
export type InviteInput = z.infer<typeof inviteSchema>;

export const usersListQuerySchema = z.object({
  strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  q: z.string().trim().max(100).catch('').default(''),
  status: z.enum(['aktywne', 'nieaktywne', 'zaproszone', '']).catch('').default(''),
});
