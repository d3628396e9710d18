/**
 * Browser differences in how a web page's frames behave (issue 13 gathers such differences under
 * `lib/platform/`). Decided by the build's target, never by sniffing the user agent.
 */
import { isFirefox } from './target';

/**
 * `Element.moveBefore` keeps a loaded iframe's document when the iframe moves: Chromium does, so
 * the inline menu's frame can be loaded ahead and moved into place on the click. Firefox ESR 153
 * has `moveBefore` but loads the moved frame again (checked in tests/e2e/inline-menu.e2e.ts's
 * runs), so there the frame is built on the click.
 */
export const keepsMovedFrames = !isFirefox;
