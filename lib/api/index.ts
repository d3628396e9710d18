/**
 * The HTTP API's request and response shapes, shared by the server (which validates requests) and
 * the extension (which validates every answer: a hostile server is in the threat model).
 * Browser-safe: zod only, no Node imports.
 */
export * from './account';
export * from './auth';
export * from './common';
export * from './encoding';
export * from './errors';
export * from './events';
export * from './health';
export * from './kdf';
export * from './license';
export * from './limits';
export * from './opaque';
export * from './sync';
export * from './sync-mode';
