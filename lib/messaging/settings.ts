/** The user's settings: what the popup's settings view edits and the background obeys. */
import { z } from 'zod';

export const AUTO_LOCK_MINUTES = [1, 5, 15, 30, 60, 240] as const;

/** Each setting's rule, without a default: a default belongs to reading, never to a change. */
const fields = {
  autoLockMinutes: z
    .number()
    .refine((m) => (AUTO_LOCK_MINUTES as readonly number[]).includes(m), 'not an offered choice'),
  lockOnSystemLock: z.boolean(),
  /** Seconds after which a copied secret is cleared from the clipboard, if it is still there. */
  clipboardClearSeconds: z.number().int().min(10).max(300),
  /**
   * The user's own groups of sites that share one account (added to the built-in ones, such as
   * google.com and youtube.com): their logins are offered on each other, never filled unasked.
   */
  equivalentDomains: z
    .array(
      z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'not a domain'),
        )
        .min(2)
        .max(20),
    )
    .max(50),
  /** The menu on login fields of the sites the user granted (issue 12); the popup always works. */
  inlineMenu: z.boolean(),
};

export type Settings = { [K in keyof typeof fields]: z.infer<(typeof fields)[K]> };

export const defaultSettings: Settings = Object.freeze({
  autoLockMinutes: 15,
  lockOnSystemLock: true,
  clipboardClearSeconds: 30,
  equivalentDomains: [],
  inlineMenu: true,
});

/** Stored settings: a field an older build never wrote takes its default. */
export const settingsSchema = z.object({
  autoLockMinutes: fields.autoLockMinutes.default(defaultSettings.autoLockMinutes),
  lockOnSystemLock: fields.lockOnSystemLock.default(defaultSettings.lockOnSystemLock),
  clipboardClearSeconds: fields.clipboardClearSeconds.default(
    defaultSettings.clipboardClearSeconds,
  ),
  equivalentDomains: fields.equivalentDomains.default([]),
  inlineMenu: fields.inlineMenu.default(defaultSettings.inlineMenu),
}) satisfies z.ZodType<Settings>;

/**
 * A change names only the fields it changes. Not `settingsSchema.partial()`: in zod 4 a partial
 * keeps the inner `.default()`s, so `{ clipboardClearSeconds: 10 }` would parse into a change
 * that also puts auto-lock back to 15 minutes (issue 9).
 */
export const settingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
