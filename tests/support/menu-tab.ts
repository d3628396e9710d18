/**
 * A fake tab for the inline-menu tests, around the real background: the content scripts of its
 * frames as the background reaches them (`tabs.sendMessage`: 'inpage.check' answered as the test
 * says, every message recorded), `action.openPopup`, and the senders the browser reports for a
 * field's content script and for our frame (menu.html inside the tab).
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sender } from '@/entrypoints/background/router';
import type { CheckAnswer, ToContent } from '@/lib/messaging/inpage';
import type { MessageType, Payload, Reply } from '@/lib/messaging/protocol';
import {
  Refused,
  ask,
  boot,
  createAccount,
  login,
  useBackgroundHarness,
} from './background-harness';
import { contentSender, extensionOrigin, sendAs } from './senders';

export const TAB = 7;
export const BANK = 'https://bank.example/login';

export const page = {
  /** What the field's content script answers to 'inpage.check' (with the username it holds). */
  check: { ok: true } as CheckAnswer & { username?: string },
  /** Every message the background sent to a content script, in order. */
  sent: [] as Array<{ tabId: number; frameId: number; message: ToContent }>,
  /** Runs when an 'inpage.fill' arrives, before the background hears back. */
  onFill: undefined as (() => Promise<void>) | undefined,
  popupOpens: 0,
};

/** Installs the fake tab around each test of the calling file. */
export function useMenuTab(): void {
  useBackgroundHarness();
  beforeEach(() => {
    page.check = { ok: true };
    page.sent = [];
    page.onFill = undefined;
    page.popupOpens = 0;
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
      tabId: number,
      message: ToContent,
      options?: { frameId?: number },
    ) => {
      page.sent.push({ tabId, frameId: options?.frameId ?? 0, message });
      if (message.type === 'inpage.check') return page.check;
      if (message.type === 'inpage.fill') await page.onFill?.();
      return undefined;
    }) as never);
    (fakeBrowser.action as unknown as { openPopup: () => Promise<void> }).openPopup = async () => {
      page.popupOpens += 1;
    };
  });
  afterEach(() => vi.restoreAllMocks());
}

/** The content script of a frame at `url` in tab `tabId`, whose top frame is at `topUrl`. */
export const fieldSender = (
  url: string,
  {
    frameId = 0,
    tabId = TAB,
    topUrl = url,
  }: { frameId?: number; tabId?: number; topUrl?: string } = {},
): Sender => ({ ...contentSender(url, frameId, tabId), tab: { id: tabId, url: topUrl } });

/** Our menu.html, opened with `token`, in frame `frameId` of tab `tabId`. */
export const frameSender = (
  token: string,
  {
    frameId = 9,
    tabId = TAB,
    topUrl = BANK,
  }: { frameId?: number; tabId?: number; topUrl?: string } = {},
): Sender => ({
  id: fakeBrowser.runtime.id,
  url: `${extensionOrigin()}/menu.html#${token}`,
  origin: extensionOrigin(),
  tab: { id: tabId, url: topUrl },
  frameId,
});

/** Sends `type` as `sender`; a refusal throws with its code, like the harness's `ask`. */
export async function send<K extends MessageType>(
  sender: Sender,
  type: K,
  payload: Payload<K>,
): Promise<Reply<K>> {
  const answer = await sendAs(sender, type, payload);
  if (!answer.ok) throw new Refused(answer.error.code, answer.error.message);
  return answer.data;
}

/** A token for a field at `url` (its content script asked 'inpage.open'); fails without one. */
export async function openMenu(
  sender: Sender,
  request: Payload<'inpage.open'> = { field: 'username', form: 'login' },
): Promise<string> {
  const { token } = await send(sender, 'inpage.open', request);
  if (!token) throw new Error('no token for this field');
  return token;
}

/** The 'inpage.fill' messages the background sent, with where they went. */
export const fills = () => page.sent.filter((sent) => sent.message.type === 'inpage.fill');

/** A new account whose vault holds two logins for bank.example and one for github.com. */
export async function unlockedWithLogins() {
  boot();
  await createAccount();
  const bank = (fields: Parameters<typeof login>[0]) =>
    ask('vault.save', {
      item: login({ urls: [{ url: 'https://bank.example/login', match: 'domain' }], ...fields }),
    });
  const ada = await bank({ title: 'Bank', username: 'ada', password: 'bank-pw-41' });
  const grace = await bank({ title: 'Bank joint', username: 'grace', password: 'bank-pw-42' });
  const github = await ask('vault.save', { item: login({ password: 'github-pw' }) });
  return { ada, grace, github };
}
