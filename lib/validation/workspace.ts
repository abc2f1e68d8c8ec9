import { z } from 'zod';
import { ROLES } from '@/lib/domain';

export const workspaceName = z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong');
export const createWorkspaceInput = z.object({ name: workspaceName });
export const updateWorkspaceInput = z.object({ name: workspaceName });

export const role = z.enum(ROLES);
export const uuid = z.uuid('validation.invalid');

export const createInvitationInput = z.object({
  role,
  expiresInDays: z.coerce.number().int().min(1, 'validation.expiryRange').max(30, 'validation.expiryRange'),
});

export const updateMemberInput = z
  .object({ role: role.optional(), departmentId: uuid.nullable().optional() })
  .refine((v) => v.role !== undefined || v.departmentId !== undefined, { message: 'validation.nothingToChange' });

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'validation.color');
export const departmentInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  color: hexColor,
});
export const updateDepartmentInput = departmentInput.partial().refine((v) => v.name !== undefined || v.color !== undefined, {
  message: 'validation.nothingToChange',
});
