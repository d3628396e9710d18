/**
 * The host of our frame on a web page (issue 12, DESIGN §6): an element in the top layer
 * (popover), holding a closed shadow root with an iframe of menu.html. The page cannot read into
 * the frame (another origin) nor into the shadow root (closed), so it never sees item names; it
 * can still see, move, restyle or cover the host, which the checks in guard.ts catch before any
 * fill. Any change the page makes to the host closes it (`onTampered`).
 */
import { keepsMovedFrames } from '../lib/platform/frames';

export interface FrameHost {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  /** Where we put the host (viewport CSS pixels); the page has no business changing it. */
  placed: { left: number; top: number; width: number; height: number };
  /** `performance.now()` when the host last appeared or moved under our hand. */
  shownAt: number;
  /** Something of the page entered the top layer after us: it may lie over the menu. */
  outranked: boolean;
  resize(height: number): void;
  remove(): void;
}

const WIDTH = 300;
const GAP = 4;

function hostStyle(p: FrameHost['placed']): string {
  // Every property a page could use to hide, shrink or shift it, pinned inline.
  return [
    'all:initial',
    'position:fixed',
    `left:${p.left}px`,
    `top:${p.top}px`,
    'right:auto',
    'bottom:auto',
    `width:${p.width}px`,
    `height:${p.height}px`,
    'margin:0',
    'padding:0',
    'border:0',
    'display:block',
    'visibility:visible',
    'opacity:1',
    'transform:none',
    'filter:none',
    'clip-path:none',
    'mix-blend-mode:normal',
    'overflow:visible',
    'background:transparent',
    'z-index:2147483647',
    'pointer-events:auto',
  ]
    .map((rule) => `${rule} !important`)
    .join(';');
}

/** Below the field if there is room, above it otherwise; inside the viewport. */
function placeFor(anchor: DOMRect, height: number): FrameHost['placed'] {
  const width = Math.min(Math.max(anchor.width, WIDTH), innerWidth - 2 * GAP);
  const left = Math.round(Math.min(Math.max(GAP, anchor.left), innerWidth - width - GAP));
  const below = anchor.bottom + GAP;
  const top = below + height <= innerHeight ? below : Math.max(GAP, anchor.top - GAP - height);
  return { left, top: Math.round(top), width: Math.round(width), height: Math.round(height) };
}

/** The prompt: in the top right corner, inside the viewport. */
function promptPlace(height: number): FrameHost['placed'] {
  const width = Math.min(WIDTH + 40, innerWidth - 2 * GAP);
  return { left: Math.max(GAP, innerWidth - width - 16), top: 16, width, height };
}

/** A host with its frame, not shown yet: loaded ahead so that a click shows it at once (§7). */
export interface ParkedFrame {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  /** Still as we left it: connected, unstyled by the page, its frame not navigated elsewhere. */
  usable(): boolean;
  remove(): void;
}

const PARKED_STYLE = 'all:initial !important;display:none !important';

function buildHost(src: string) {
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const iframe = document.createElement('iframe');
  iframe.setAttribute(
    'style',
    // The frame's own color-scheme ("light dark"): with another one here Chrome paints the
    // frame's canvas opaque around the menu.
    'all:initial;display:block;width:100%;height:100%;border:0;color-scheme:light dark',
  );
  iframe.setAttribute('allow', '');
  iframe.tabIndex = 0;
  shadow.append(iframe);
  const loads = { count: 0, extra: () => {} };
  iframe.addEventListener('load', () => {
    // The page may navigate our frame elsewhere (`frames[i].location = …`): its first load is
    // menu.html, any other is not ours.
    loads.count += 1;
    if (loads.count > 1) loads.extra();
  });
  // The source first: an iframe connected without one loads about:blank, which would count.
  iframe.src = src;
  return { host, iframe, loads };
}

const parkedParts = new WeakMap<ParkedFrame, ReturnType<typeof buildHost>>();

type Movable = Element & { moveBefore(node: Node, child: Node | null): void };

/** Whether a frame can be loaded ahead: moved into place later without loading it again. */
export const canPark = () => keepsMovedFrames && 'moveBefore' in Element.prototype;

/**
 * Loads menu.html, with no token, in a host the page cannot see into and that takes no room, in
 * <head>: the host joins <html> only when shown, as a menu built on the click does.
 */
export function parkFrame(src: string): ParkedFrame {
  const parts = buildHost(src);
  parts.host.setAttribute('style', PARKED_STYLE);
  (document.head ?? document.documentElement).append(parts.host);
  const parked: ParkedFrame = {
    host: parts.host,
    iframe: parts.iframe,
    usable: () =>
      parts.host.isConnected &&
      // Loaded (its listener is there), and only once.
      parts.loads.count === 1 &&
      parts.host.getAttribute('style') === PARKED_STYLE &&
      parts.host.attributes.length === 1,
    remove: () => parts.host.remove(),
  };
  parkedParts.set(parked, parts);
  return parked;
}

export function createFrameHost(options: {
  src: string;
  /** The field's box; none: the prompt, in the top right corner. */
  anchor?: DOMRect;
  height: number;
  onTampered: () => void;
  /** A frame loaded ahead: handed its token in a message (`handOver`), so nothing loads now. */
  parked?: ParkedFrame;
  handOver?: { token: string; refused?: string; origin: string };
}): FrameHost {
  const reused = options.parked?.usable() ? parkedParts.get(options.parked) : undefined;
  if (!reused) options.parked?.remove();
  const { host, iframe, loads } = reused ?? buildHost(options.src);
  loads.extra = options.onTampered;
  const placed = options.anchor
    ? placeFor(options.anchor, options.height)
    : promptPlace(options.height);
  let written = hostStyle(placed);
  host.setAttribute('style', written);
  if ('popover' in host) host.popover = 'manual';

  const observer = new MutationObserver((records) => {
    // Only our own style writes; any other attribute, or another style, is the page's.
    const ours = records.every((r) => r.attributeName === 'style');
    if (!ours || host.getAttribute('style') !== written) options.onTampered();
  });
  if (reused && options.handOver) {
    // Not by changing the frame's URL: Chrome's dynamic URL makes even a new fragment a new load.
    // To our origin only, so a document the page put in its place would not get the token.
    const { origin, ...handOver } = options.handOver;
    iframe.contentWindow?.postMessage({ type: 'cassaforte.menu', ...handOver }, origin);
  }
  // `append` would load a connected iframe again; `moveBefore` keeps it as it is.
  if (reused) (document.documentElement as unknown as Movable).moveBefore(host, null);
  else document.documentElement.append(host);
  if ('showPopover' in host) {
    try {
      host.showPopover();
    } catch {
      // Not connected or already shown: the checks say whether it is on top.
    }
  }
  observer.observe(host, { attributes: true });
  host.addEventListener('toggle', (event) => {
    if ((event as ToggleEvent).newState === 'closed') options.onTampered();
  });

  // A popover or modal dialog of the page opened after ours is drawn above it, even one that
  // lets clicks through to us (pointer-events: none), which `elementsFromPoint` cannot see.
  const outrank = (event: Event) => {
    if (event.target !== host && (event as ToggleEvent).newState === 'open') {
      frameHost.outranked = true;
    }
  };
  document.addEventListener('beforetoggle', outrank, { capture: true });

  const frameHost: FrameHost = {
    host,
    iframe,
    placed,
    shownAt: performance.now(),
    outranked: false,
    resize(height) {
      const next = options.anchor ? placeFor(options.anchor, height) : { ...placed, height };
      if (next.height === placed.height && next.top === placed.top) return;
      Object.assign(placed, next);
      written = hostStyle(placed);
      host.setAttribute('style', written);
      frameHost.shownAt = performance.now();
    },
    remove() {
      observer.disconnect();
      document.removeEventListener('beforetoggle', outrank, { capture: true });
      host.remove();
    },
  };
  return frameHost;
}
