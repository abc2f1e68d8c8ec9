// Shapes the members page passes from its loader to the client components.
import type { Role } from '@/lib/auth/policy';

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  departmentId: string | null;
  joinedAt: Date;
}

export interface DepartmentOption {
  id: string;
  name: string;
  color: string;
}
