// @vitest-environment happy-dom
/** The lock countdown of a fresh 15-minute deadline says 15:00, never 15:01 (issue 13). */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mount, unmountAll } from '@/tests/support/dom';
import { speakEnglish } from '@/tests/support/english';
import { LockCountdown } from './Header';

const FIFTEEN_MINUTES = 15 * 60_000;

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 10, 12, 0, 0, 250) });
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('the lock countdown', () => {
  it('shows 15:00 for a deadline set just now, also when the background moves it', async () => {
    const root = await mount(<LockCountdown lockAt={Date.now() + FIFTEEN_MINUTES} />);
    expect(root.textContent).toBe('Locks in 15:00');
    // Between two ticks a message pushes the deadline back to a fresh 15 minutes.
    vi.advanceTimersByTime(600);
    await act(() => render(<LockCountdown lockAt={Date.now() + FIFTEEN_MINUTES} />, root));
    expect(root.textContent).toBe('Locks in 15:00');
    await act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(root.textContent).toBe('Locks in 14:59');
  });
});
