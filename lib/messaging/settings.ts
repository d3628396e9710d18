/** The user's settings: what the popup's settings view edits and the background obeys. */
import { z } from 'zod';

export const AUTO_LOCK_MINUTES = [1, 5, 15, 30, 60, 240] as const;

export const settingsSchema = z.object({
  autoLockMinutes: z
    .number()
    .refine((m) => (AUTO_LOCK_MINUTES as readonly number[]).includes(m), 'not an offered choice')
    .default(15),
  lockOnSystemLock: z.boolean().default(true),
  /** Seconds after which a copied secret is cleared from the clipboard, if it is still there. */
  clipboardClearSeconds: z.number().int().min(10).max(300).default(30),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
