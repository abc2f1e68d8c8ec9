// vitest stand-in for the `server-only` guard: tests run on the server side by definition.
export {};
