/**
 * Is a field something the user can see and type into? Hidden, zero-size, off-screen, clipped and
 * transparent fields are decoys or honeypots (DESIGN §6): detection skips them, and filling
 * re-checks right before writing.
 *
 * Two kinds of rule:
 * - style rules (computed display/visibility/opacity, clip, `hidden`, `aria-hidden`) work in any
 *   DOM that computes styles, real browsers and happy-dom alike;
 * - geometry rules (size, position) need a layout engine. happy-dom and jsdom answer every
 *   `getBoundingClientRect()` with zeros, which would make every field "zero-size", so geometry is
 *   only consulted when the document itself has a box (`documentHasLayout`). In a real browser the
 *   root element always has one, except in a frame that is not rendered, where `checkVisibility()`
 *   already says no for every element.
 * Tested rule by rule in real Chromium: tests/e2e/detect-visibility.e2e.ts.
 */

/** Smaller than this in either direction is a honeypot, not a field (real ones are ≥ 15 px). */
const MIN_SIDE_PX = 4;
/** A field marked `tabindex=-1` this small is "visually hidden" rather than just compact. */
const MIN_SIDE_UNFOCUSABLE_PX = 12;
/** How far up we look for an ancestor that clips the field away. */
const MAX_CLIP_ANCESTORS = 6;

/**
 * Hide-utility classes of common CSS frameworks (Bootstrap, Tailwind, WordPress, Facebook's
 * `hidden_elem`). With the stylesheet applied, computed style already says `display: none`; these
 * classes still tell when it has not loaded (yet), as in saved pages.
 */
const HIDDEN_CLASS_SELECTOR = [
  'hidden',
  'hide',
  'is-hidden',
  'u-hidden',
  'hidden_elem',
  'd-none',
  'display-none',
  'invisible',
  'sr-only',
  'visually-hidden',
  'visuallyhidden',
  'screen-reader-text',
  'offscreen',
]
  .map((c) => `.${c}`)
  .join(',');

export function documentHasLayout(doc: Document): boolean {
  const rect = doc.documentElement?.getBoundingClientRect();
  return !!rect && (rect.width > 0 || rect.height > 0);
}

/** `closest` that also climbs out of (open) shadow roots through their hosts. */
function closestComposed(el: Element, selector: string): Element | null {
  let node: Element | null = el;
  while (node) {
    const hit = node.closest(selector);
    if (hit) return hit;
    const root = node.getRootNode() as ShadowRoot;
    node = root.host ?? null;
  }
  return null;
}

function styleOf(el: Element): CSSStyleDeclaration | undefined {
  return el.ownerDocument.defaultView?.getComputedStyle(el);
}

/** `clip: rect(0 0 0 0)` / `clip-path: inset(50%)`: the "visually hidden" recipes. */
function isClippedAway(style: CSSStyleDeclaration): boolean {
  const clip = style.clip?.replace(/\s/g, '');
  if (clip && /^rect\((?:0|1)px,(?:0|1)px,(?:0|1)px,(?:0|1)px\)$/.test(clip)) return true;
  const clipPath = style.clipPath?.replace(/\s/g, '');
  return clipPath === 'inset(50%)' || clipPath === 'inset(100%)';
}

interface CheckVisibilityOptions {
  opacityProperty?: boolean;
  visibilityProperty?: boolean;
  contentVisibilityAuto?: boolean;
  checkOpacity?: boolean;
  checkVisibilityCSS?: boolean;
}

/** Hidden by style: display, visibility, opacity 0 anywhere up the flat tree, `content-visibility`. */
function isHiddenByStyle(el: HTMLElement): boolean {
  const check = (el as { checkVisibility?: (o: CheckVisibilityOptions) => boolean })
    .checkVisibility;
  if (check) {
    // The older option names are what Chrome < 121 and Firefox < 122 understand.
    const opts = { opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true };
    if (!check.call(el, { ...opts, checkOpacity: true, checkVisibilityCSS: true })) return true;
  }
  const style = styleOf(el);
  if (!style) return false;
  if (style.display === 'none' || style.visibility === 'hidden') return true;
  // A field at 5 % opacity is as invisible as one at 0, and a favourite of clickjacking pages.
  return Number.parseFloat(style.opacity) < 0.1;
}

function isOffScreenOrTiny(el: HTMLElement, unfocusable: boolean): boolean {
  const rect = el.getBoundingClientRect();
  const min = unfocusable ? MIN_SIDE_UNFOCUSABLE_PX : MIN_SIDE_PX;
  if (rect.width < min || rect.height < min) return true;
  const win = el.ownerDocument.defaultView;
  const scrollX = win?.scrollX ?? 0;
  const scrollY = win?.scrollY ?? 0;
  // `left: -9999px` and friends. Nothing can scroll to negative document coordinates.
  if (rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0) return true;
  // Past the right edge: unreachable when the page cannot scroll sideways (overflow-x hidden on
  // the root or body), otherwise only past the scrollable width.
  const doc = el.ownerDocument;
  const clipsX = [doc.documentElement, doc.body].some(
    (box) => box && /hidden|clip/.test(styleOf(box)?.overflowX ?? ''),
  );
  const reach = clipsX ? (win?.innerWidth ?? 0) : doc.documentElement.scrollWidth;
  return reach > 0 && rect.left + scrollX >= reach;
}

/** An ancestor with `overflow: hidden` shrunk to nothing, or clipped away, hides its children. */
function isClippedByAncestor(el: HTMLElement, layout: boolean): boolean {
  let node: Element | null = el;
  for (let i = 0; node && i <= MAX_CLIP_ANCESTORS; i++, node = node.parentElement) {
    const style = styleOf(node);
    if (!style) return false;
    if (isClippedAway(style)) return true;
    if (i > 0 && layout && style.overflow !== 'visible') {
      const rect = node.getBoundingClientRect();
      if (rect.width < MIN_SIDE_PX || rect.height < MIN_SIDE_PX) return true;
    }
  }
  return false;
}

/**
 * True when the user can see the field. `layout` comes from `documentHasLayout` (computed once
 * per pass, not per field).
 */
export function isFieldVisible(el: HTMLElement, layout: boolean): boolean {
  if ((el as HTMLInputElement).type === 'hidden') return false;
  if (closestComposed(el, '[hidden],[aria-hidden="true"]')) return false;
  if (closestComposed(el, HIDDEN_CLASS_SELECTOR)) return false;
  if (isHiddenByStyle(el)) return false;
  // Taken out of the tab order *and* made tiny: a trap for bots, not a field for people.
  const unfocusable = el.getAttribute('tabindex') === '-1';
  if (layout && isOffScreenOrTiny(el, unfocusable)) return false;
  return !isClippedByAncestor(el, layout);
}
