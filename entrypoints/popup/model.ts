/** The popup's state as signals; it learns everything from the background through the protocol. */
import { signal } from '@preact/signals';
import { send } from '@/lib/messaging/client';
import { ProtocolError } from '@/lib/messaging/errors';
import type { AppStatus } from '@/lib/messaging/protocol';

export type Load<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; code: string };

export const status = signal<Load<AppStatus>>({ kind: 'loading' });

export async function refreshStatus(): Promise<void> {
  try {
    status.value = { kind: 'ready', value: await send('app.status', {}) };
  } catch (error) {
    status.value = {
      kind: 'failed',
      code: error instanceof ProtocolError ? error.code : 'internal',
    };
  }
}
