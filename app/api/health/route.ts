import { getDatabase, ping } from '@/db/client';

export const dynamic = 'force-dynamic';

export async function GET() {
  const version = process.env.npm_package_version ?? '0.1.0';
  try {
    const database = await getDatabase();
    await ping(database.db);
    return Response.json({ status: 'ok', db: database.kind, version });
  } catch (err) {
    return Response.json({ status: 'unavailable', reason: `database unreachable: ${(err as Error).message}`, version }, { status: 503 });
  }
}
