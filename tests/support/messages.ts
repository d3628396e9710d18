/**
 * Talks to the background from an extension page, exactly as the popup does: a protocol message
 * through `runtime.sendMessage`, stamped with the id of the build under test.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import type { Answer, MessageType, Payload, Reply } from '@/lib/messaging/protocol';

export function buildIdOf(extensionDir: string): string {
  return readFileSync(`${extensionDir.replace(/\/$/, '')}.build-id`, 'utf8').trim();
}

export class BackgroundRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function messenger(page: Page, extensionDir: string) {
  const build = buildIdOf(extensionDir);
  return async function send<K extends MessageType>(
    type: K,
    payload: Payload<K>,
  ): Promise<Reply<K>> {
    const answer = (await page.evaluate(
      (message) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
          }
        ).chrome.runtime.sendMessage(message),
      { type, build, payload } as unknown as Record<string, unknown>,
    )) as Answer<Reply<K>>;
    if (!answer.ok) throw new BackgroundRefused(answer.error.code, answer.error.message);
    return answer.data;
  };
}
