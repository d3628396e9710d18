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
 * Cost matters (DESIGN §7): the checks run cheapest first and only on inputs worth a look.
 */

/** Smaller than this in either direction is a honeypot, not a field (real ones are ≥ 15 px). */
const MIN_SIDE_PX = 4;
/** A field marked `tabindex=-1` this small is "visually hidden" rather than just compact. */
const MIN_SIDE_UNFOCUSABLE_PX = 12;
/**
 * How far up we look for an ancestor that clips the field away: the "visually hidden" recipes
 * sit on the field, its label or its wrapper.
 */
const MAX_CLIP_ANCESTORS = 3;

/**
 * Hide-utility classes of common CSS frameworks (Bootstrap, Tailwind, WordPress, Facebook's
 * `hidden_elem`). With the stylesheet applied, computed style already says `display: none`; these
 * classes still tell when it has not loaded (yet), as in saved pages.
 */
const HIDDEN_CLASS =
  /(?:^|\s)(?:hidden|hide|is-hidden|u-hidden|hidden_elem|d-none|display-none|invisible|sr-only|visually-?hidden|screen-reader-text|offscreen)(?:\s|$)/;

/**
 * Bootstrap's collapsible boxes (`.collapse`) are `display: none` until opened (`.in` in v3,
 * `.show` in v4+); a navbar's collapse is the exception, shown on wide screens.
 */
const COLLAPSED = /(?:^|\s)collapse(?:\s|$)/;
const COLLAPSE_OPEN = /(?:^|\s)(?:in|show|navbar-collapse)(?:\s|$)/;

export function documentHasLayout(doc: Document): boolean {
  const rect = doc.documentElement?.getBoundingClientRect();
  return !!rect && (rect.width > 0 || rect.height > 0);
}

/** Marked hidden by an attribute or a hide-utility class, here or above (out of shadow roots too). */
function isMarkedHidden(el: Element): boolean {
  for (let node: Element | null = el; node;) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    const cls = node.getAttribute('class');
    if (cls && (HIDDEN_CLASS.test(cls) || (COLLAPSED.test(cls) && !COLLAPSE_OPEN.test(cls)))) {
      return true;
    }
    node = node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null;
  }
  return false;
}

/** `clip: rect(0 0 0 0)` / `clip-path: inset(50%)`: the "visually hidden" recipes. */
function isClippedAway(style: CSSStyleDeclaration): boolean {
  const clipPath = style.clipPath?.replace(/\s/g, '');
  if (clipPath === 'inset(50%)' || clipPath === 'inset(100%)') return true;
  if (style.position !== 'absolute' && style.position !== 'fixed') return false; // clip needs it
  const clip = style.clip?.replace(/\s/g, '');
  return (
    !!clip && /^rect\((?:0|1)(?:px)?,(?:0|1)(?:px)?,(?:0|1)(?:px)?,(?:0|1)(?:px)?\)$/.test(clip)
  );
}

interface CheckVisibilityOptions {
  opacityProperty?: boolean;
  visibilityProperty?: boolean;
  contentVisibilityAuto?: boolean;
  checkOpacity?: boolean;
  checkVisibilityCSS?: boolean;
}
type WithCheckVisibility = { checkVisibility?: (o: CheckVisibilityOptions) => boolean };
// The older option names are what Chrome < 121 and Firefox < 122 understand.
const CHECK_VISIBILITY: CheckVisibilityOptions = {
  opacityProperty: true,
  visibilityProperty: true,
  contentVisibilityAuto: true,
  checkOpacity: true,
  checkVisibilityCSS: true,
};

export type VisibilityCheck = (el: HTMLElement) => boolean;

/**
 * One checker per pass and document: what the page allows (layout at all, how far it scrolls
 * sideways) is read once, on first need, not per field.
 */
export function visibilityChecker(doc: Document): VisibilityCheck {
  const win = doc.defaultView;
  const styleOf = (el: Element) => win?.getComputedStyle(el);
  const layout = documentHasLayout(doc);
  let reachX: number | undefined;
  // Past the right edge is unreachable when the page cannot scroll sideways (overflow-x hidden
  // on the root or body); otherwise only past the scrollable width.
  const rightEdge = () => {
    if (reachX === undefined) {
      const clipsX = [doc.documentElement, doc.body].some(
        (box) => box && /hidden|clip/.test(styleOf(box)?.overflowX ?? ''),
      );
      reachX = clipsX ? (win?.innerWidth ?? 0) : doc.documentElement.scrollWidth;
    }
    return reachX;
  };

  function isOffScreenOrTiny(el: HTMLElement): boolean {
    const rect = el.getBoundingClientRect();
    // Taken out of the tab order *and* made small: a trap for bots, not a field for people.
    const min = el.getAttribute('tabindex') === '-1' ? MIN_SIDE_UNFOCUSABLE_PX : MIN_SIDE_PX;
    if (rect.width < min || rect.height < min) return true;
    const scrollX = win?.scrollX ?? 0;
    // `left: -9999px` and friends: nothing scrolls to negative document coordinates.
    if (rect.right + scrollX <= 0 || rect.bottom + (win?.scrollY ?? 0) <= 0) return true;
    const reach = rightEdge();
    return reach > 0 && rect.left + scrollX >= reach;
  }

  /** An ancestor with `overflow: hidden` shrunk to nothing, or clipped away, hides its children. */
  function isClippedByAncestor(el: HTMLElement, own: CSSStyleDeclaration): boolean {
    if (isClippedAway(own)) return true;
    let node = el.parentElement;
    for (let i = 0; node && i < MAX_CLIP_ANCESTORS; i++, node = node.parentElement) {
      const style = styleOf(node);
      if (!style) return false;
      if (isClippedAway(style)) return true;
      if (layout && style.overflow !== 'visible') {
        const rect = node.getBoundingClientRect();
        if (rect.width < MIN_SIDE_PX || rect.height < MIN_SIDE_PX) return true;
      }
    }
    return false;
  }

  // Cheapest first; checkVisibility last, for what the others miss (an ancestor at opacity 0,
  // `content-visibility`, and without layout a `display: none` ancestor).
  return (el) => {
    if ((el as HTMLInputElement).type === 'hidden' || isMarkedHidden(el)) return false;
    const own = styleOf(el);
    if (own) {
      if (own.display === 'none' || own.visibility === 'hidden') return false;
      // A field at 5 % opacity is as invisible as one at 0, and a favourite of clickjacking pages.
      if (Number.parseFloat(own.opacity) < 0.1) return false;
    }
    if (layout && isOffScreenOrTiny(el)) return false;
    if (own && isClippedByAncestor(el, own)) return false;
    const check = (el as WithCheckVisibility).checkVisibility;
    return !check || check.call(el, CHECK_VISIBILITY);
  };
}
