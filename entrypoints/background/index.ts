import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from './wiring';

export default defineBackground({
  type: 'module',
  main() {
    const { router } = createBackground();
    // Registered synchronously at the top of main, so a message that wakes the worker is not lost.
    browser.runtime.onMessage.addListener((message, sender) => router.handle(message, sender));
  },
});
