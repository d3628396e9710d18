// @vitest-environment happy-dom
/**
 * A problem found at submit stands only for what was typed then (issue 13): after a too-weak first
 * try, "Choose a stronger password" must not stay beside a "Strong" meter.
 */
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { byName, click, mount, typeInto, unmountAll } from '@/tests/support/dom';
import { englishMessage, speakEnglish } from '@/tests/support/english';
import { stubStrengthWorker } from '@/tests/support/strength-worker';
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
afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

function Form() {
  const choice = useNewPassword('ada@example.test');
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (choice.estimate.deferSubmit(e.currentTarget)) return;
        setProblems(newPasswordProblems(choice));
      }}
    >
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

/** Waits until `check` passes, letting the (in-thread) worker answer and Preact render. */
const until = (check: () => void) =>
  vi.waitFor(async () => {
    await act(async () => {});
    check();
  }, 10_000); // the first estimate builds zxcvbn's dictionaries: ≈ 0.5–1 s
const estimated = () =>
  until(() => expect(document.querySelector('.strength meter')).not.toBeNull());

describe('the new password fields', () => {
  beforeEach(() => void stubStrengthWorker());

  it('drop "choose a stronger password" once the password is typed over', async () => {
    const root = await mount(<Form />);
    await typeInto(byName(root, 'New'), 'password');
    await estimated();
    await typeInto(byName(root, 'Again'), 'password');
    await click(byName(root, 'Go'));
    expect(errors(root)).toEqual([englishMessage('passwordTooWeak')]);

    const strong = 'vivid-Otter-73-lantern-quiet';
    await typeInto(byName(root, 'New'), strong);
    await until(() =>
      expect(root.querySelector<HTMLElement>('.strength')?.dataset['score']).toBe('4'),
    );
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
    await estimated();
    await click(byName(root, 'Go'));
    await typeInto(byName(root, 'Again'), 'passw');
    expect(errors(root)).toContain(englishMessage('passwordTooWeak'));
    await typeInto(byName(root, 'New'), 'password1');
    expect(errors(root)).not.toContain(englishMessage('passwordTooWeak'));
    await click(byName(root, 'Go'));
    await until(() => expect(errors(root)).toContain(englishMessage('passwordTooWeak')));
  });
});

describe('while the strength estimate is on its way', () => {
  it('shows that it is checking, and a submit waits for the verdict instead of passing', async () => {
    const worker = stubStrengthWorker({ held: true });
    const root = await mount(<Form />);
    await typeInto(byName(root, 'New'), 'tesoro123456');
    await typeInto(byName(root, 'Again'), 'tesoro123456');
    expect(root.querySelector('.strength')?.textContent).toBe(englishMessage('strengthChecking'));
    await click(byName(root, 'Go'));
    expect(errors(root)).toEqual([]);

    await act(() => worker.release());
    await until(() => expect(errors(root)).toEqual([englishMessage('passwordTooWeak')]));
    expect(root.querySelector('.strength meter')).not.toBeNull();
  });

  it('says so when the estimator cannot start, and accepts no password', async () => {
    stubStrengthWorker({ failing: true });
    const root = await mount(<Form />);
    await typeInto(byName(root, 'New'), 'vivid-Otter-73-lantern-quiet');
    await typeInto(byName(root, 'Again'), 'vivid-Otter-73-lantern-quiet');
    await until(() =>
      expect(root.querySelector('.strength')?.textContent).toBe(
        englishMessage('strengthUnavailable'),
      ),
    );
    await click(byName(root, 'Go'));
    expect(errors(root)).toEqual([englishMessage('strengthUnavailable')]);
  });
});
