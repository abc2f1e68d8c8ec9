import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { users } from '../schema';

export type UserRow = typeof users.$inferSelect;

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function createUser(
  db: Db,
  input: { name: string; email: string; passwordHash: string | null; locale?: string | null },
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ name: input.name, email: input.email.trim().toLowerCase(), passwordHash: input.passwordHash, locale: input.locale ?? null })
    .returning();
  return row;
}

export async function setUserLocale(db: Db, id: string, locale: string): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
