/**
 * Live ports from our own pages (the popup): the background tells them when what they show may
 * have changed (lib/messaging/live.ts). Trust is decided once per port from the browser's
 * `sender`, as the router does for messages: only our own top-level pages may listen.
 */
import { browser, type Browser } from 'wxt/browser';
import { LIVE_PORT, type LiveNotice } from '@/lib/messaging/live';
import { classifySender, type Sender } from './router';
import { listenIfAvailable } from './services/autolock';

/** Notices within this window fold into one: a sync of 500 items is one redraw, not 500. */
const FOLD_MS = 30;

export function createPopupPorts(deps: {
  self: { id: string; origin: string };
  vaultRevision: () => number;
  /** A page started following (the popup opened): sync, since an empty delta is cheap. */
  onOpened: () => void;
}) {
  const ports = new Set<Browser.runtime.Port>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function post() {
    timer = undefined;
    const notice: LiveNotice = { type: 'changed', vaultRevision: deps.vaultRevision() };
    for (const port of ports) {
      try {
        port.postMessage(notice);
      } catch {
        ports.delete(port); // closed under us
      }
    }
  }

  return {
    /** Something the popup shows may have changed. */
    changed() {
      if (ports.size > 0) timer ??= setTimeout(post, FOLD_MS);
    },
    listen() {
      listenIfAvailable(
        () => browser.runtime.onConnect,
        (port: Browser.runtime.Port) => {
          if (port.name !== LIVE_PORT) return;
          if (classifySender((port.sender ?? {}) as Sender, deps.self) !== 'page') {
            port.disconnect();
            return;
          }
          ports.add(port);
          port.onDisconnect.addListener(() => ports.delete(port));
          deps.onOpened();
        },
      );
    },
  };
}
