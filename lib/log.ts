// Structured logs (pino). Pretty enough to read in a terminal; JSON for machines.
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: undefined,
});
