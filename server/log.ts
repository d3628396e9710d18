import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * Logs to stdout: one JSON object a line for log collectors, or readable lines when stdout is a
 * terminal (a person running `npm start`). What is logged is chosen at each call site; tokens,
 * blobs, OPAQUE messages and reset links are never passed to the logger (the outbox mode's reset
 * link aside). The redaction list is a second net for header objects logged by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'cassaforte-server' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.token', 'token'],
      censor: '[redacted]',
    },
  };
  if (destination !== undefined) return pino(options, destination);
  if (!process.stdout.isTTY) return pino(options);
  // In-process and synchronous (no transport worker), so the last lines print before an exit.
  return pino(
    options,
    pretty({
      colorize: true,
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,service',
    }),
  );
}
