// @vitest-environment happy-dom
/** An error comes into view of the 600-px popup and, after a button, takes focus (issue 13). */
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byName, click, mount, typeInto, unmountAll } from '@/tests/support/dom';
import { ErrorNotice } from './Notice';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

function Form() {
  const [error, setError] = useState<string>();
  return (
    <div>
      <label for="name">Name</label>
      <input
        id="name"
        onInput={(e) => setError(e.currentTarget.value ? undefined : 'Type a name.')}
      />
      <button type="button" onClick={() => setError('The server had a problem.')}>
        Send
      </button>
      <ErrorNotice>{error}</ErrorNotice>
    </div>
  );
}

describe('an error notice', () => {
  it('scrolls into view and takes focus when a button brought it', async () => {
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollIntoView');
    const root = await mount(<Form />);
    expect(scrolled).not.toHaveBeenCalled();
    const send = byName(root, 'Send');
    send.focus();
    await click(send);
    const alert = root.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('The server had a problem.');
    expect(scrolled).toHaveBeenCalledOnce();
    expect(scrolled.mock.contexts[0]).toBe(alert);
    expect(document.activeElement).toBe(alert);
  });

  it('comes into view but leaves focus in the field being typed in', async () => {
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollIntoView');
    const root = await mount(<Form />);
    const field = byName<HTMLInputElement>(root, 'Name');
    await typeInto(field, 'a');
    await typeInto(field, '');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Type a name.');
    expect(scrolled).toHaveBeenCalledOnce();
    expect(document.activeElement).toBe(field);
  });

  it('does not scroll again on a re-render with the same text', async () => {
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollIntoView');
    const root = await mount(<Form />);
    await click(byName(root, 'Send'));
    await click(byName(root, 'Send'));
    expect(scrolled).toHaveBeenCalledOnce();
  });
});
