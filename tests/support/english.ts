/**
 * The English catalogue (or another shipped one) under WXT's fake browser (which has no
 * `i18n.getMessage`), with Chrome's placeholder rules: `$NAME$` is the placeholder's content, `$1`…
 * the substitutions, `$$` a dollar. For unit tests of the words a view shows, from the same
 * public/_locales/<lang>/messages.json the build ships.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

const catalogues = new Map<string, Catalogue>();
function catalogue(lang: string): Catalogue {
  let found = catalogues.get(lang);
  if (!found) {
    const file = join(import.meta.dirname, '../../public/_locales', lang, 'messages.json');
    found = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    catalogues.set(lang, found);
  }
  return found;
}

export function catalogueMessage(
  lang: string,
  key: string,
  substitutions?: string | string[],
): string {
  const entry = catalogue(lang)[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const fill = (text: string) =>
    text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$\$|\$([A-Za-z_]+)\$/g, (_, name?: string) =>
    name === undefined ? '$' : fill(entry.placeholders?.[name.toLowerCase()]?.content ?? ''),
  );
}

export function englishMessage(key: string, substitutions?: string | string[]): string {
  return catalogueMessage('en', key, substitutions);
}

/** Call in a `beforeEach` (after `fakeBrowser.reset()`, which drops the mock). */
export function speak(lang: 'en' | 'it' | 'de'): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((
    key: string,
    substitutions?: string | string[],
  ) => catalogueMessage(lang, key, substitutions)) as typeof fakeBrowser.i18n.getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
}

export function speakEnglish(): void {
  speak('en');
}
