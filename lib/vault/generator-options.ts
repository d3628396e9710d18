/**
 * The generator's options and their rules, apart from the generator itself: the message protocol
 * validates them in every page, while the words (lib/vault/wordlist.ts, 7,776 of them) are needed
 * only where passphrases are made, the background.
 */
import { z } from 'zod';

export const CHARSETS = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  // No quotes, backslash, backtick or space: sites and shells mangle them.
  symbols: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
} as const;
export type CharsetName = keyof typeof CHARSETS;

/** Characters easily misread when a password is typed from a screen or paper. */
export const AMBIGUOUS = 'Il1O0o|';

export const passwordOptionsSchema = z.object({
  mode: z.literal('password'),
  length: z.number().int().min(8).max(128).default(20),
  lower: z.boolean().default(true),
  upper: z.boolean().default(true),
  digits: z.boolean().default(true),
  symbols: z.boolean().default(true),
  avoidAmbiguous: z.boolean().default(false),
});

export const passphraseOptionsSchema = z.object({
  mode: z.literal('passphrase'),
  words: z.number().int().min(3).max(20).default(5),
  // No letters: with a letter in the separator, word boundaries (and so the entropy) blur.
  separator: z
    .string()
    .max(3)
    .regex(/^\P{L}*$/u)
    .default('-'),
  capitalize: z.boolean().default(false),
  includeNumber: z.boolean().default(false),
});

export const generatorOptionsSchema = z
  .discriminatedUnion('mode', [passwordOptionsSchema, passphraseOptionsSchema])
  .superRefine((options, ctx) => {
    if (options.mode === 'password' && chosenSets(options).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'choose at least one character set' });
    }
    // "sun"+"set" and "sunset" would look the same; capitals keep the words apart.
    if (options.mode === 'passphrase' && options.separator === '' && !options.capitalize) {
      ctx.addIssue({ code: 'custom', message: 'an empty separator needs capitalised words' });
    }
  });

export type PasswordOptions = z.infer<typeof passwordOptionsSchema>;
export type PassphraseOptions = z.infer<typeof passphraseOptionsSchema>;
export type GeneratorOptions = z.infer<typeof generatorOptionsSchema>;
/** What callers (the popup) send: every field but `mode` may be left to its default. */
export type GeneratorInput = z.input<typeof generatorOptionsSchema>;

/** The character sets the options choose, without look-alikes when asked. */
export function chosenSets(options: PasswordOptions): string[] {
  const names: CharsetName[] = ['lower', 'upper', 'digits', 'symbols'];
  return names
    .filter((name) => options[name])
    .map((name) =>
      options.avoidAmbiguous
        ? [...CHARSETS[name]].filter((c) => !AMBIGUOUS.includes(c)).join('')
        : CHARSETS[name],
    );
}
