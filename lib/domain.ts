// Domain constants shared by the database schema, the zod schemas and the browser. No imports:
// client bundles that need a role list must not pull in drizzle.
export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const MAP_STATUSES = ['draft', 'in_review', 'approved'] as const;
export type MapStatus = (typeof MAP_STATUSES)[number];
