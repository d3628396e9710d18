/**
 * Rendering a popup component into happy-dom for a unit test (`// @vitest-environment happy-dom`),
 * and acting on it the way a user does: typing, clicking, pressing a key. Each step runs inside
 * Preact's `act`, so effects and state updates have settled when it returns.
 */
import { render, type VNode } from 'preact';
import { act } from 'preact/test-utils';

const roots: HTMLElement[] = [];

export async function mount(vnode: VNode): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  await act(() => render(vnode, root));
  return root;
}

/** Call in an `afterEach`. */
export function unmountAll(): void {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
}

export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(element: Element): Promise<void> {
  await act(() => (element as HTMLElement).click());
}

export async function press(element: Element, key: string): Promise<void> {
  await act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

/** Lets `requestAnimationFrame` callbacks run. */
export async function nextFrame(): Promise<void> {
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

/** The button or input whose accessible name (aria-label, label or text) is `name`. */
export function byName<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  for (const element of root.querySelectorAll<HTMLElement>('button, input, select, textarea')) {
    const label =
      element.getAttribute('aria-label') ??
      (element.id ? root.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
      element.textContent;
    if (label?.trim() === name) return element as T;
  }
  throw new Error(`nothing named "${name}"`);
}
