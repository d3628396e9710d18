/**
 * The English catalogue under WXT's fake browser (which has no `i18n.getMessage`), with Chrome's
 * placeholder rules: `$NAME$` is the placeholder's content, `$1`… the substitutions, `$$` a dollar.
 * For unit tests of the words a view shows, from the same public/_locales/en/messages.json the build
 * ships.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

const catalogue = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Catalogue;

export function englishMessage(key: string, substitutions?: string | string[]): string {
  const entry = catalogue[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const fill = (text: string) =>
    text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message.replace(/\$\$|\$([A-Za-z_]+)\$/g, (_, name?: string) =>
    name === undefined ? '$' : fill(entry.placeholders?.[name.toLowerCase()]?.content ?? ''),
  );
}

/** Call in a `beforeEach` (after `fakeBrowser.reset()`, which drops the mock). */
export function speakEnglish(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    englishMessage as typeof fakeBrowser.i18n.getMessage,
  );
}
