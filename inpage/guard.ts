/**
 * Before our frame shows, and again on every click in it, the checks against clickjacking (Tóth,
 * DEF CON 33: eleven managers filled into invisible or covered menus in 2025). The page must not
 * have made the field, its ancestors or our host transparent; nothing of the page may lie over our
 * frame where the user clicked; our host must be where we put it, in the top layer; and the click
 * must come after the menu was on screen long enough to be seen.
 */
import type { GuardReason } from '../lib/messaging/inpage';
import type { FrameHost } from './frame-host';

/** Below this, counted along the whole chain, a thing is "transparent or nearly so". */
const MIN_OPACITY = 0.8;
/** A click sooner than this after the menu appeared or moved was aimed at something else. */
const MIN_SHOWN_MS = 350;

/** The element's opacity as drawn: its own times every ancestor's, across shadow roots. */
export function opacityAlong(element: Element): number {
  let opacity = 1;
  for (let el: Element | null = element; el;) {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') return 0;
    opacity *= (Number.parseFloat(style.opacity) || 0) * filterOpacity(style.filter);
    const parent: Node | null = el.parentNode;
    el = parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
  }
  return opacity;
}

/** What `filter: opacity(…)` leaves of an element; other filters count as fully opaque. */
function filterOpacity(filter: string): number {
  let factor = 1;
  for (const [, value, percent] of filter.matchAll(/opacity\(\s*([\d.]+)(%?)\s*\)/g)) {
    factor *= Number(value) / (percent ? 100 : 1);
  }
  return Number.isFinite(factor) ? factor : 0;
}

/** Before showing: whether the page made the field or itself see-through. */
export function pageHides(field: Element | undefined): 'transparent' | undefined {
  const see = (el: Element) => opacityAlong(el) < MIN_OPACITY;
  return see(document.documentElement) || (field && see(field)) ? 'transparent' : undefined;
}

function movedFrom(host: FrameHost): boolean {
  const rect = host.host.getBoundingClientRect();
  const p = host.placed;
  const off = (a: number, b: number) => Math.abs(a - b) > 1;
  if (off(rect.left, p.left) || off(rect.top, p.top) || off(rect.width, p.width)) return true;
  if (off(rect.height, p.height)) return true;
  const style = getComputedStyle(host.host);
  if (style.transform !== 'none' || style.clipPath !== 'none' || style.display === 'none')
    return true;
  // Taken out of the top layer (hidePopover, removal): it is no longer above everything.
  return 'popover' in host.host && !host.host.matches(':popover-open');
}

/**
 * Whether the page leaves our frame alone; `point` is where the user clicked inside it (none:
 * before showing). The field is the one the menu was opened for.
 */
export function checkFrame(
  host: FrameHost,
  field: Element | undefined,
  point?: { x: number; y: number },
): GuardReason | undefined {
  if (!host.host.isConnected || (field && !field.isConnected)) return 'gone';
  if (movedFrom(host)) return 'moved';
  if (opacityAlong(host.host) < MIN_OPACITY) return 'transparent';
  if (field && opacityAlong(field) < MIN_OPACITY) return 'transparent';
  if (host.outranked || document.querySelector('dialog:modal, :fullscreen')) return 'covered';
  if (point) {
    const x = host.placed.left + Math.min(point.x, host.placed.width - 1);
    const y = host.placed.top + Math.min(point.y, host.placed.height - 1);
    // From the page's side our frame is the host: anything else on top is the page's.
    if (document.elementsFromPoint(x, y)[0] !== host.host) return 'covered';
    if (performance.now() - host.shownAt < MIN_SHOWN_MS) return 'too-soon';
  }
  return undefined;
}
