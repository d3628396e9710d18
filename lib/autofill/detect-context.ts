/**
 * What surrounds a group of fields: the form's own name/id/class/action, its buttons, the
 * headings above it, its links and checkboxes. Read only from small, bounded places (never the
 * whole page's text), so that a pass stays cheap on large pages.
 */
import type { FieldGroup } from './detect-group';
import { normalizeText } from './words';

export interface Button {
  el: HTMLElement;
  text: string;
  /** A button that submits the form it is in (not `type=button`, not a link). */
  submits: boolean;
}

export interface GroupContext {
  /** id, name, class, action and aria-label of the container. */
  attrs: string;
  buttons: Button[];
  headings: string;
  links: string[];
  /** Labels of checkboxes ("Remember me", "I agree to the terms"). */
  checkboxes: string;
  title: string;
  /** The page's first `<h1>`: with the title, what the whole page is for. */
  pageHeading: string;
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, legend, [role="heading"]';
export const BUTTONS =
  'button, input[type="submit"], input[type="image"], input[type="button"], [role="button"]';
const MAX_BUTTONS = 20;
const MAX_LINKS = 30;
const MAX_HEADING_CLIMB = 3;
const MAX_TEXT = 120;

function short(text: string | null | undefined): string {
  return normalizeText((text ?? '').slice(0, 4 * MAX_TEXT)).slice(0, MAX_TEXT);
}

export function buttonText(el: HTMLElement): string {
  const parts = [
    el.textContent,
    (el as HTMLInputElement).value,
    el.getAttribute('aria-label'),
    el.title,
    el.getAttribute('alt'),
    el.id,
    el.getAttribute('name'),
  ];
  return short(parts.filter(Boolean).join(' '));
}

function isSubmitButton(el: HTMLElement): boolean {
  const tag = el.tagName;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (tag === 'BUTTON') return type === '' || type === 'submit';
  if (tag === 'INPUT') return type === 'submit' || type === 'image';
  return false;
}

function collectButtons(group: FieldGroup): Button[] {
  const found = new Set<HTMLElement>();
  for (const el of group.container.querySelectorAll<HTMLElement>(BUTTONS)) {
    if (found.size >= MAX_BUTTONS) break;
    found.add(el);
  }
  // Buttons attached from elsewhere with form="…".
  if (group.isForm) {
    for (const el of Array.from((group.container as HTMLFormElement).elements)) {
      const tag = el.tagName;
      if (tag === 'BUTTON' || (tag === 'INPUT' && isSubmitButton(el as HTMLElement))) {
        found.add(el as HTMLElement);
      }
    }
  }
  return Array.from(found, (el) => ({ el, text: buttonText(el), submits: isSubmitButton(el) }));
}

/** The headings inside the container, or else the nearest ones before it, a few levels up. */
function headingsNear(container: Element): string {
  const inside = Array.from(container.querySelectorAll(HEADINGS)).slice(0, 3);
  if (inside.length) return inside.map((h) => short(h.textContent)).join(' ');
  let node: Element | null = container.parentElement;
  for (let i = 0; node && i < MAX_HEADING_CLIMB; i++, node = node.parentElement) {
    const before = Array.from(node.querySelectorAll(HEADINGS)).filter(
      (h) => h.compareDocumentPosition(container) & 4, // container follows the heading
    );
    if (before.length)
      return before
        .slice(-2)
        .map((h) => short(h.textContent))
        .join(' ');
  }
  return '';
}

function checkboxLabels(container: Element): string {
  const boxes = Array.from(container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  return boxes
    .slice(0, 5)
    .map((box) => {
      const label = box.labels?.[0]?.textContent ?? box.parentElement?.textContent ?? '';
      return short(`${box.name} ${box.id} ${label}`);
    })
    .join(' ');
}

export function contextOf(group: FieldGroup): GroupContext {
  const c = group.container;
  const attrs = ['id', 'name', 'class', 'action', 'aria-label']
    .map((a) => c.getAttribute(a) ?? '')
    .join(' ');
  const links = Array.from(c.querySelectorAll('a'))
    .slice(0, MAX_LINKS)
    .map((a) => short(`${a.textContent} ${a.getAttribute('href') ?? ''}`));
  return {
    attrs: normalizeText(attrs).slice(0, 2 * MAX_TEXT),
    buttons: collectButtons(group),
    headings: headingsNear(c),
    links,
    checkboxes: checkboxLabels(c),
    title: short(c.ownerDocument.title),
    pageHeading: short((c.getRootNode() as Document | ShadowRoot).querySelector('h1')?.textContent),
  };
}
