// Imported first by bench/sync.ts, before anything creates the logger: the bench's own logs (its
// store reading the maps back after a kill -9) are warnings and errors only, so stdout holds the
// tables. LOG_LEVEL set by the caller wins.
process.env.LOG_LEVEL ||= 'warn';
