// @vitest-environment happy-dom
/**
 * The preview names the rows of a partly UTF-8 file that were read as Windows-1252, so a password
 * changed by the wrong encoding is checked rather than imported without a word (review).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ImportResult } from '@/lib/import';
import { mount, unmountAll } from '@/tests/support/dom';
import { speakEnglish } from '@/tests/support/english';
import { Preview } from './Preview';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});
afterEach(unmountAll);

const login = (title: string, at: number) => ({
  type: 'login' as const,
  title,
  notes: '',
  tags: [],
  favorite: false,
  username: 'u',
  password: 'p',
  urls: [],
  source: { kind: 'row' as const, at },
});

function show(read: Partial<ImportResult>) {
  const result: ImportResult = {
    ok: true,
    format: 'chrome-csv',
    candidates: [login('Banca', 2), login('München', 3)],
    problems: [],
    ...read,
  };
  return mount(
    <Preview
      read={{ ...result, fileName: 'chrome.csv' }}
      counts={{ new: 2, same: 0, changed: 0, room: 100 }}
      choice="skip"
      onChoice={() => {}}
      onImport={() => {}}
      onAnother={() => {}}
      lang="en"
    />,
  );
}

describe('the import preview of a partly UTF-8 file', () => {
  it('says which rows were read as Windows-1252 and asks to check them', async () => {
    const root = await show({ readAsWindows1252: [{ kind: 'row', at: 3 }] });
    const notice = root.querySelector('[data-testid="import-encoding"]');
    expect(notice?.textContent).toContain('were read as Windows-1252');
    expect(notice?.textContent).toContain('Check their names and passwords');
    expect([...notice!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Row 3']);
  });

  it('names lines for a file without rows', async () => {
    const root = await show({
      format: 'bitwarden-json',
      readAsWindows1252: [{ kind: 'line', at: 7 }],
    });
    const items = root.querySelectorAll('[data-testid="import-encoding"] li');
    expect([...items].map((li) => li.textContent)).toEqual(['Line 7']);
  });

  it('says nothing of encodings for a file in one', async () => {
    const root = await show({});
    expect(root.querySelector('[data-testid="import-encoding"]')).toBeNull();
    expect(root.textContent).not.toContain('Windows-1252');
  });
});
