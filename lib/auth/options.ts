// next-auth configuration: email + password (credentials), plus GitHub and Google when their
// environment variables are set. Sessions are signed JWT cookies (HttpOnly, SameSite=Lax,
// Secure under https), so the sync server can read the same cookie.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { userByEmail } from '@/db/queries/users';
import { signInInput } from '@/lib/validation/auth';
import { verifyPassword } from './passwords';
import { clearLoginFailures, loginBlockedFor, loginKey, recordLoginFailure } from './throttle';
import { authSecret } from './secret';

export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : (headers[n] as string | undefined));
  // Only trust X-Forwarded-For when told a proxy sets it.
  const xff = process.env.LINTAS_TRUST_PROXY === '1' ? get('x-forwarded-for') : undefined;
  return (xff?.split(',')[0].trim() || get('x-lintas-remote-addr') || 'local').slice(0, 64);
}

export function oauthProviders() {
  const list = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    list.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const db = await getDb();
          const key = loginKey(parsed.data.email, clientIp(req.headers ?? {}));
          if ((await loginBlockedFor(db, key)) > 0) return null; // the route answers 429 before this
          const user = await userByEmail(db, parsed.data.email);
          const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
          if (!user || !ok) {
            await recordLoginFailure(db, key);
            return null; // one message for unknown email and wrong password
          }
          await clearLoginFailures(db, key);
          return { id: user.id, name: user.name, email: user.email };
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === 'credentials') return true;
        // OAuth: link to the user with this email, or create one.
        if (!user.email) return false;
        const db = await getDb();
        let row = await userByEmail(db, user.email);
        if (!row) {
          [row] = await db
            .insert(users)
            .values({ name: user.name || user.email, email: user.email.toLowerCase(), image: user.image ?? null, emailVerified: new Date() })
            .returning();
        }
        await db
          .insert(accounts)
          .values({ userId: row.id, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId })
          .onConflictDoNothing();
        const [linked] = await db
          .select()
          .from(accounts)
          .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)));
        user.id = linked.userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
