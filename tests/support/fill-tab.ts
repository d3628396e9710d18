/**
 * A fake tab for the fill tests: the browser's side of `scripting.executeScript` (each frame
 * sends its 'autofill.request' with the sender the browser would report), `tabs.query`, the
 * command listener and `action.openPopup`, around the real background.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FrameFillAnswer } from '@/lib/messaging/protocol';
import { ask, boot, createAccount, login, useBackgroundHarness } from './background-harness';
import { contentSender, sendAs } from './senders';

export interface Frame {
  url: string;
  frameId: number;
  origin?: string;
  fields?: {
    username: boolean;
    password: boolean;
    otp?: boolean;
    formAction?: string;
    otherFrames?: string[];
  };
}

export const TAB = 7;

/** The tab the fill tests drive: its URL, its frames, what each frame was answered. */
export const tab = {
  topUrl: '',
  frames: [] as Frame[],
  received: [] as Array<{ url: string; answer: FrameFillAnswer }>,
  commandListeners: [] as Array<(command: string) => void>,
  popupOpens: 0,
};

/** Installs the fake tab and its frames around each test of the calling file. */
export function useFakeTab(): void {
  useBackgroundHarness();
  beforeEach(installFakeTab);
  afterEach(() => vi.restoreAllMocks());
}

function installFakeTab() {
  tab.frames = [];
  tab.received.length = 0;
  tab.commandListeners = [];
  tab.popupOpens = 0;
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
    tab.commandListeners.push(listener as (command: string) => void);
  });
  (fakeBrowser.action as unknown as { openPopup: () => Promise<void> }).openPopup = async () => {
    tab.popupOpens += 1;
  };
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => [
    { id: TAB, url: tab.topUrl } as never,
  ]);
  // The browser runs the fill script in every frame the grant covers; each one asks.
  (fakeBrowser as unknown as { scripting: unknown }).scripting = {
    executeScript: vi.fn(async () => {
      for (const frame of tab.frames) {
        const sender = {
          ...contentSender(frame.url, frame.frameId, TAB),
          tab: { id: TAB, url: tab.topUrl },
        };
        if (frame.origin) sender.origin = frame.origin;
        const answer = await sendAs(
          sender,
          'autofill.request',
          frame.fields ?? { username: true, password: true },
        );
        if (answer.ok) tab.received.push({ url: frame.url, answer: answer.data });
      }
      return [];
    }),
  };
}

/** A new account whose vault holds one login for bank.example. */
export async function unlockedWithBank() {
  boot();
  await createAccount();
  return ask('vault.save', {
    item: login({
      title: 'Bank',
      username: 'ada',
      password: 'bank-pw-41',
      urls: [{ url: 'https://bank.example/login', match: 'domain' }],
    }),
  });
}

/** The frames that were given a password. */
export const passwordsAt = () =>
  tab.received.filter((r) => r.answer.kind === 'fill' && r.answer.password).map((r) => r.url);
