/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite breaks when bundled ("path … instance of URL"); yjs must be one instance shared with
  // server.ts; argon2 is a native addon. rate-limiter-flexible loads drizzle-orm with a dynamic
  // import() that the bundler cannot follow ("expression is too dynamic"): both stay external.
  serverExternalPackages: ['@electric-sql/pglite', 'yjs', '@node-rs/argon2', 'postgres', 'pino', 'rate-limiter-flexible', 'drizzle-orm'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  devIndicators: false,
  // Types are checked by `npm run typecheck` (CI runs it); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
