/**
 * "Scan QR code in this tab" through the real background (protocol 'totp.captureTab'): only the
 * popup may ask, only with the vault open; it gets the picture of the tab in front, or a refusal
 * the editor puts into words.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ask,
  boot,
  createAccount,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { contentSender, sendAs } from '@/tests/support/senders';

useBackgroundHarness();
afterEach(() => vi.restoreAllMocks());

const PICTURE = 'data:image/png;base64,iVBORw0KGgo=';

function tabInFront(tab: { id: number; windowId: number; active: boolean }) {
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab as never]);
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab as never);
  const capture = vi.fn(async () => PICTURE);
  (fakeBrowser.tabs as unknown as { captureVisibleTab: unknown }).captureVisibleTab = capture;
  return capture;
}

describe('the tab’s picture for a one-time code', () => {
  it('is the picture of the tab under the popup, from its window', async () => {
    boot();
    await createAccount();
    const capture = tabInFront({ id: 7, windowId: 3, active: true });
    expect(await ask('totp.captureTab', {})).toEqual({ image: PICTURE });
    expect(capture).toHaveBeenCalledWith(3, { format: 'png' });
    // A popup in a window of its own names its tab.
    expect(await ask('totp.captureTab', { tabId: 7 })).toEqual({ image: PICTURE });
  });

  it('is refused, with the reason, when the tab is not in front or the browser says no', async () => {
    boot();
    await createAccount();
    tabInFront({ id: 7, windowId: 3, active: false });
    expect(await ask('totp.captureTab', { tabId: 7 })).toEqual({ refused: 'no-tab' });
    const capture = tabInFront({ id: 7, windowId: 3, active: true });
    capture.mockRejectedValueOnce(new Error('Missing activeTab permission'));
    expect(await ask('totp.captureTab', {})).toEqual({ refused: 'no-access' });
  });

  it('is never taken for a web page, nor while the vault is locked', async () => {
    boot();
    await createAccount();
    const capture = tabInFront({ id: 7, windowId: 3, active: true });
    const answer = await sendAs(contentSender('https://bank.example/'), 'totp.captureTab', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    await ask('session.lock', {});
    expect(await refusal(ask('totp.captureTab', {}))).toBe('locked');
    expect(capture).not.toHaveBeenCalled();
  });
});
