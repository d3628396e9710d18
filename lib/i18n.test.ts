/**
 * Every text the user sees comes from the locale files: each key used in code exists in English,
 * Italian and German, no locale carries a key nobody uses, and Italian and German are translated
 * rather than left in English.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const locales = ['en', 'it', 'de'] as const;
/** Texts that are rightly the same in English and another language. */
const sameInEnglish: Record<string, readonly string[]> = {
  it: ['extName'],
  de: ['extName', 'statusVersion'],
};

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const read = (lang: string): Messages =>
  JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', '.output', '.wxt', 'tests', 'data'].includes(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of [
    ...sourceFiles(join(root, 'entrypoints')),
    ...sourceFiles(join(root, 'components')),
    ...sourceFiles(join(root, 'lib')),
    join(root, 'wxt.config.ts'),
  ]) {
    const text = readFileSync(file, 'utf8');
    const note = (key: string) => used.set(key, relative(root, file));
    for (const match of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) note(match[1]!);
    // Every quoted key inside a t(…) call, so `t(failed ? 'a' : 'b')` counts both.
    for (const call of text.matchAll(/\bt\(([^()]*)\)/g)) {
      for (const match of call[1]!.matchAll(/'([A-Za-z0-9_]+)'/g)) note(match[1]!);
    }
    // A counted message, `tn('syncPending', n)`, uses syncPending_one and syncPending_other.
    for (const match of text.matchAll(/\btn\(\s*'([A-Za-z0-9_]+)'/g)) {
      note(`${match[1]!}_one`);
      note(`${match[1]!}_other`);
    }
    // Keys chosen from a table typed as MessageKey: `'statusLocked'` values in a Record<…, MessageKey>.
    for (const block of text.matchAll(/Record<[^>]*MessageKey>\s*=\s*\{([^}]*)\}/g)) {
      for (const match of block[1]!.matchAll(/'([A-Za-z0-9_]+)'/g))
        used.set(match[1]!, relative(root, file));
    }
  }
  return used;
}

describe('locale files', () => {
  const en = read('en');
  const used = usedKeys();

  it('finds the keys the code uses', () => {
    expect(used.size).toBeGreaterThan(5);
  });

  it.each(locales)('%s has every key the code uses', (lang) => {
    const messages = read(lang);
    const missing = [...used.keys()].filter((key) => !messages[key]?.message);
    expect(missing, `missing in ${lang}`).toEqual([]);
  });

  it.each(locales)('%s has no key that nobody uses', (lang) => {
    const unused = Object.keys(read(lang)).filter((key) => !used.has(key));
    expect(unused, `unused in ${lang}`).toEqual([]);
  });

  // In chrome.i18n a `$` starts a placeholder: `$NAME$` must be declared and a literal dollar is
  // `$$`; otherwise Chrome drops or garbles it ("Symbols (!#��)", issue 13).
  // https://developer.chrome.com/docs/extensions/reference/api/i18n#placeholders
  it.each(locales)('%s writes every $ as $$ or a declared $PLACEHOLDER$', (lang) => {
    const stray = Object.entries(read(lang)).flatMap(([key, { message, placeholders }]) => {
      const declared = new Set(Object.keys(placeholders ?? {}).map((name) => name.toLowerCase()));
      const rest = message
        .replaceAll('$$', '')
        .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) =>
          declared.has(name.toLowerCase()) ? '' : whole,
        );
      return rest.includes('$') ? [`${key}: ${message}`] : [];
    });
    expect(stray, `unescaped $ in ${lang}`).toEqual([]);
  });

  it.each(locales)('%s has both plural forms of every counted message', (lang) => {
    const keys = new Set(Object.keys(read(lang)));
    const orphans = [...keys].filter((key) => {
      const form = /_(one|other)$/.exec(key)?.[1];
      if (!form) return false;
      return !keys.has(key.replace(/_(one|other)$/, form === 'one' ? '_other' : '_one'));
    });
    expect(orphans, `${lang} plural forms without their pair`).toEqual([]);
  });

  it.each(['it', 'de'] as const)(
    '%s is translated, with the same placeholders as English',
    (lang) => {
      const messages = read(lang);
      for (const [key, english] of Object.entries(en)) {
        const translated = messages[key]!;
        if (!sameInEnglish[lang]!.includes(key)) {
          expect(translated.message, `${lang}.${key} is still English`).not.toBe(english.message);
        }
        expect(Object.keys(translated.placeholders ?? {}), `${lang}.${key} placeholders`).toEqual(
          Object.keys(english.placeholders ?? {}),
        );
      }
    },
  );
});
