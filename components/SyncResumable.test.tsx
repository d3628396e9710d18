// @vitest-environment happy-dom
/**
 * A vault kept on this device only, when the server says the account syncs again: the vault
 * screen says so in words and waits for the user's button, since the server alone may not get
 * the vault uploaded (README, "Against a hostile server").
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncStatus } from '@/lib/messaging/protocol';
import { byName, click, mount, unmountAll } from '@/tests/support/dom';
import { speakEnglish } from '@/tests/support/english';
import { SyncIndicator } from './SyncIndicator';
import { SyncResumable } from './SyncResumable';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});
afterEach(unmountAll);

const show = (sync: SyncStatus, onResume = () => {}) =>
  mount(
    <div>
      <SyncIndicator sync={sync} onSync={() => {}} />
      <SyncResumable sync={sync} onResume={onResume} />
    </div>,
  );

describe('the vault screen when sync is back on for the account', () => {
  it('says so, and uploads only when the user presses the button', async () => {
    const onResume = vi.fn();
    const sync: SyncStatus = { state: 'off', localOnly: true, error: 'sync-resumable', pending: 2 };
    const root = await show(sync, onResume);
    expect(byName(root, 'Sync is off here, but on again for this account')).toBeDefined();
    const notice = root.querySelector('[role="status"]');
    expect(notice?.textContent).toContain(
      'Sync was turned back on for this account, from another device or by the server. This device has sent nothing',
    );
    const button = byName(root, 'Sync this device again');
    expect(button.getAttribute('aria-describedby')).toBe(notice?.id);
    expect(onResume).not.toHaveBeenCalled();
    await click(button);
    expect(onResume).toHaveBeenCalledOnce();
  });

  it('offers nothing while the account keeps its vault on its devices', async () => {
    const root = await show({ state: 'off', localOnly: true, pending: 0 });
    expect(root.textContent).toBe('Sync is off: this vault stays on this device');
    expect(() => byName(root, 'Sync this device again')).toThrow();
  });
});
