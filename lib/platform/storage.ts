/**
 * Browser differences in extension storage (issue 13 gathers them under `lib/platform/`).
 */
import { isFirefox } from './target';
import { browser } from 'wxt/browser';

type SessionArea = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

/**
 * Keeps `storage.session` (where the vault key rests) away from content scripts. Chrome's
 * default is already TRUSTED_CONTEXTS; saying it explicitly at every start protects against any
 * code path that widened it. Firefox has no `setAccessLevel`, and its `storage.session` is not
 * exposed to content scripts at all, so there is nothing to do there. The method is still
 * looked for in Chrome's build: a Chrome older than 102 lacks it.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#method-StorageArea-setAccessLevel
 */
export async function restrictSessionStorage(): Promise<'restricted' | 'unsupported'> {
  if (isFirefox) return 'unsupported';
  const session = browser.storage.session as unknown as SessionArea | undefined;
  if (typeof session?.setAccessLevel !== 'function') return 'unsupported';
  await session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  return 'restricted';
}
