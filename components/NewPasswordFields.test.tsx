// @vitest-environment happy-dom
/**
 * A problem found at submit stands only for what was typed then (issue 13): after a too-weak first
 * try, "Choose a stronger password" must not stay beside a "Strong" meter.
 */
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { byName, click, mount, typeInto, unmountAll } from '@/tests/support/dom';
import { englishMessage, speakEnglish } from '@/tests/support/english';
import {
  NewPasswordFields,
  newPasswordProblems,
  useNewPassword,
  type NewPasswordProblems,
} from './NewPasswordFields';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});
afterEach(unmountAll);

function Form() {
  const choice = useNewPassword('ada@example.test');
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  return (
    <form onSubmit={(e) => (e.preventDefault(), setProblems(newPasswordProblems(choice)))}>
      <NewPasswordFields
        labels={{ password: 'New', confirm: 'Again' }}
        choice={choice}
        problems={problems}
      />
      <button type="submit">Go</button>
    </form>
  );
}

const errors = (root: HTMLElement) =>
  [...root.querySelectorAll('.field-note.error')].map((note) => note.textContent);

describe('the new password fields', () => {
  it('drop "choose a stronger password" once the password is typed over', async () => {
    const root = await mount(<Form />);
    await typeInto(byName(root, 'New'), 'password');
    await typeInto(byName(root, 'Again'), 'password');
    await click(byName(root, 'Go'));
    expect(errors(root)).toEqual([englishMessage('passwordTooWeak')]);

    const strong = 'vivid-Otter-73-lantern-quiet';
    await typeInto(byName(root, 'New'), strong);
    expect(root.querySelector('.strength strong')?.textContent).toBe(
      englishMessage('strengthStrong'),
    );
    expect(errors(root)).not.toContain(englishMessage('passwordTooWeak'));

    await typeInto(byName(root, 'Again'), strong);
    await click(byName(root, 'Go'));
    expect(errors(root)).toEqual([]);
  });

  it('keep a problem while nothing it was about has changed, and show it again on the next check', async () => {
    const root = await mount(<Form />);
    await typeInto(byName(root, 'New'), 'password');
    await click(byName(root, 'Go'));
    await typeInto(byName(root, 'Again'), 'passw');
    expect(errors(root)).toContain(englishMessage('passwordTooWeak'));
    await typeInto(byName(root, 'New'), 'password1');
    expect(errors(root)).not.toContain(englishMessage('passwordTooWeak'));
    await click(byName(root, 'Go'));
    expect(errors(root)).toContain(englishMessage('passwordTooWeak'));
  });
});
