/** The kit of the account just created, handed from Create to the Emergency Kit view in memory. */
import { signal } from '@preact/signals';
import type { EmergencyKit } from '@/lib/messaging/protocol';

export const freshKit = signal<EmergencyKit | undefined>(undefined);
