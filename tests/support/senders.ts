/**
 * Test helpers: deliver real protocol messages to the background's real onMessage listener, as
 * the browser would, with a sender the test chooses. Used by handler tests with WXT's fake browser.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILD_ID } from '@/lib/messaging/build';
import type { Answer, MessageType, Payload, Reply } from '@/lib/messaging/protocol';
import type { Sender } from '@/entrypoints/background/router';

export const extensionOrigin = () => fakeBrowser.runtime.getURL('/').replace(/\/$/, '');

export const popupSender = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: `${extensionOrigin()}/popup.html`,
  origin: extensionOrigin(),
});

export const contentSender = (url: string, frameId = 0, tabId = 7): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
  origin: new URL(url).origin,
  tab: { id: tabId },
  frameId,
});

/** Sends a raw message (any shape) from `sender` and returns the background's answer. */
export async function deliver(message: unknown, sender: Sender): Promise<Answer<unknown>> {
  const answers = (await fakeBrowser.runtime.onMessage.trigger(
    message,
    sender as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1],
  )) as unknown[];
  return answers.find(Boolean) as Answer<unknown>;
}

export function sendAs<K extends MessageType>(
  sender: Sender,
  type: K,
  payload: Payload<K>,
): Promise<Answer<Reply<K>>> {
  return deliver({ type, build: BUILD_ID, payload }, sender) as Promise<Answer<Reply<K>>>;
}
