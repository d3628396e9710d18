import type { ErrorCode } from './protocol';

/** An error that travels through the protocol with a stable code the UI can translate. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
  }
}
