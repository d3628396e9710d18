import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * JSON logs to stdout. What is logged is chosen at each call site; tokens, blobs, OPAQUE
 * messages and reset links are never passed to the logger (the outbox mode's reset link aside).
 * The redaction list is a second net for header objects logged by mistake.
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
  return destination === undefined ? pino(options) : pino(options, destination);
}
