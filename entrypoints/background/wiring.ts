/** Creates the background's services and its router: the one place where they are wired. */
import { browser } from 'wxt/browser';
import { BUILD_ID } from '@/lib/messaging/build';
import { createAppHandlers } from './handlers/app';
import { createRouter, type Handlers } from './router';
import { createSessionService } from './services/session';

export function createBackground() {
  const session = createSessionService();
  const version = browser.runtime.getManifest().version;

  const handlers: Handlers = {
    ...createAppHandlers({ session, version }),
  };

  const router = createRouter({
    handlers,
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') },
    build: BUILD_ID,
    onInternalError: (type, error) => {
      // The type and the error's name only: a payload or message text could hold a secret.
      console.error(`cassaforte: handler for ${type} failed`, (error as Error)?.name ?? 'Error');
    },
  });

  return { router, session };
}

/** Creates the background and starts listening; the entry point and the tests both call this. */
export function startBackground() {
  const background = createBackground();
  // Registered synchronously, so a message that wakes the worker is not lost.
  browser.runtime.onMessage.addListener((message, sender) =>
    background.router.handle(message, sender),
  );
  return background;
}
