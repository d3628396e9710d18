// @vitest-environment happy-dom
/**
 * A failed sync says in words what went wrong and what to do, and how many changes still wait to
 * be sent (a review found only "Sync failed" for a 500, a bad answer or a full disk).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncStatus } from '@/lib/messaging/protocol';
import { byName, mount, unmountAll } from '@/tests/support/dom';
import { speakEnglish } from '@/tests/support/english';
import { SyncIndicator } from './SyncIndicator';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});
afterEach(unmountAll);

const show = (sync: SyncStatus) => mount(<SyncIndicator sync={sync} onSync={() => {}} />);

/** The text the button's aria-describedby points at: what a screen reader adds to its name. */
function description(button: HTMLElement): string {
  const ids = button.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the sync indicator after a failed sync', () => {
  it('says why, what to do, and how many changes wait for the next sync', async () => {
    const root = await show({ state: 'error', error: 'server-malformed', pending: 2 });
    const reason =
      'The server sent an answer Cassaforte does not trust. Check the server address; your data was not touched.';
    const waiting = '2 changes are kept on this device and go out with the next sync.';
    expect(root.textContent).toContain(reason);
    expect(root.textContent).toContain(waiting);
    const button = byName(root, 'Sync failed');
    expect(description(button)).toContain(reason);
    expect(description(button)).toContain(waiting);
  });

  it('gives the sentence of each code the engine stores', async () => {
    const root = await show({ state: 'error', error: 'storage-full', pending: 0 });
    expect(root.textContent).toContain(
      "The browser has no room left for Cassaforte's data. Free some disk space, then try again.",
    );
    expect(root.textContent).not.toContain('kept on this device');
  });

  it('falls back to a general sentence for a code it does not know', async () => {
    const root = await show({ state: 'error', error: 'quota-of-the-future', pending: 1 });
    expect(root.textContent).toContain(
      'Something went wrong inside Cassaforte. Try again; if it keeps happening, restart the browser.',
    );
    expect(root.textContent).toContain(
      '1 change is kept on this device and goes out with the next sync.',
    );
    expect(root.textContent).not.toContain('quota-of-the-future');
  });

  it('adds nothing when sync went well', async () => {
    const root = await show({ state: 'idle', pending: 0, lastSyncAt: Date.now() });
    const button = byName(root, 'Synced just now');
    expect(button.hasAttribute('aria-describedby')).toBe(false);
    expect(root.textContent).toBe('Synced just now');
  });
});
