/**
 * The in-page frames the background knows (issue 12): one menu and one prompt per tab, each by
 * the token its content script was given, with the ports our frames follow the background on.
 * Who may use a token is decided here: the field's own content script, or our frame in that tab
 * holding the token in its own URL, or else the one frame of ours with no token in its URL (a
 * menu loaded ahead, handed the token by the content script) that used it first.
 */
import { browser, type Browser } from 'wxt/browser';
import type { FrameFacts } from '@/lib/autofill/policy';
import { MENU_PORT, type FieldConstraints, type FormKind } from '@/lib/messaging/inpage';
import { classifySender, type Sender } from '../router';
import { listenIfAvailable } from './autolock';

export interface Frame {
  token: string;
  tabId: number;
  /** The frame of the field (menu) or the top frame (prompt). */
  frameId: number;
  mode: 'menu' | 'prompt';
  /** What the browser reported about that frame when it asked. */
  facts: FrameFacts;
  form: FormKind;
  field: 'username' | 'password' | 'new-password' | 'otp';
  constraints?: FieldConstraints;
  query: string;
  ports: Set<Browser.runtime.Port>;
  /** The frame id of our frame that was handed this token (a frame loaded ahead, see below). */
  claimedBy?: number;
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The frame as the browser reports it; the tab's URL gives the top frame's origin. */
export function frameFactsOf(sender: Sender): FrameFacts {
  const url = sender.url ?? '';
  const origin = sender.origin ?? originOf(url);
  return {
    url,
    origin,
    topOrigin: sender.frameId === 0 ? origin : originOf(sender.tab?.url ?? ''),
    // Our scripts run only where the browser let us in (activeTab, or granted host access).
    hostAccess: true,
  };
}

/** The token in our frame's URL fragment (`menu.html#<token>&refused=…`). */
function tokenOf(url: string | undefined): string | undefined {
  const hash = url?.split('#')[1];
  return hash?.split('&')[0];
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export function createFrameRegistry(self: { id: string; origin: string }) {
  const frames = new Map<string, Frame>();
  function add(
    sender: Sender,
    frame: Omit<Frame, 'token' | 'tabId' | 'frameId' | 'facts' | 'query' | 'ports'>,
  ) {
    const tabId = sender.tab!.id!;
    // One menu and one prompt per tab: a new one replaces the old.
    for (const [token, old] of frames) {
      if (old.tabId === tabId && old.mode === frame.mode) drop(token);
    }
    const token = newToken();
    frames.set(token, {
      ...frame,
      token,
      tabId,
      frameId: sender.frameId ?? 0,
      facts: frameFactsOf(sender),
      query: '',
      ports: new Set(),
    });
    return token;
  }

  function drop(token: string) {
    const frame = frames.get(token);
    if (!frame) return;
    frames.delete(token);
    for (const port of frame.ports) port.disconnect();
  }

  /** The frame this token names, asked for by its own content script or its own frame. */
  function owned(token: string, sender: Sender, by: 'content' | 'frame'): Frame | undefined {
    const frame = frames.get(token);
    if (!frame || frame.tabId !== sender.tab?.id) return undefined;
    if (by === 'content' && frame.frameId !== sender.frameId) return undefined;
    if (by === 'content') return frame;
    // Our frame knows its token from its own URL: another of our frames in the tab does not.
    const inUrl = tokenOf(sender.url);
    if (inUrl) return inUrl === token ? frame : undefined;
    // A menu's frame loaded ahead has none there; it was handed one, and keeps it.
    if (frame.mode !== 'menu') return undefined;
    frame.claimedBy ??= sender.frameId;
    return frame.claimedBy !== undefined && frame.claimedBy === sender.frameId ? frame : undefined;
  }

  function notify(frame: Frame) {
    for (const port of frame.ports) {
      try {
        port.postMessage({ type: 'changed' });
      } catch {
        frame.ports.delete(port);
      }
    }
  }

  const registry = {
    add,
    drop,
    owned,
    notify,
    /** Tab `tabId`'s open frame of this kind, if any. */
    find: (tabId: number, mode: Frame['mode']) =>
      [...frames.values()].find((f) => f.tabId === tabId && f.mode === mode),
    /** Every open frame asks again (the vault locked, unlocked or changed). */
    notifyAll() {
      for (const frame of frames.values()) notify(frame);
    },

    /** The tab went away or loaded another page: its frames are gone. */
    tabGone(tabId: number) {
      for (const [token, frame] of frames) if (frame.tabId === tabId) drop(token);
    },

    listen() {
      listenIfAvailable(
        () => browser.tabs.onUpdated,
        (tabId: number, change: { status?: string }) => {
          if (change.status === 'loading') registry.tabGone(tabId);
        },
      );
      listenIfAvailable(
        () => browser.tabs.onRemoved,
        (tabId: number) => registry.tabGone(tabId),
      );
      listenIfAvailable(
        () => browser.runtime.onConnect,
        (port: Browser.runtime.Port) => {
          if (port.name !== MENU_PORT) return;
          const sender = (port.sender ?? {}) as Sender;
          if (classifySender(sender, self) !== 'frame') return port.disconnect();
          port.onMessage.addListener((message: unknown) => {
            const token = (message as { token?: unknown })?.token;
            const frame = typeof token === 'string' ? owned(token, sender, 'frame') : undefined;
            if (!frame) return port.disconnect();
            frame.ports.add(port);
            port.onDisconnect.addListener(() => frame.ports.delete(port));
          });
        },
      );
    },
  };
  return registry;
}
