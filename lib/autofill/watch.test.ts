// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { addsFormControls, createPassScheduler } from './watch';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

/** A clock and timer queue the test drives by hand. */
function fakeTime() {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
  };
}

describe('detection passes in a changing page', () => {
  it('runs at most four passes a second however often the page changes', () => {
    const time = fakeTime();
    const passes: number[] = [];
    const scheduler = createPassScheduler({
      ...time,
      pass: () => passes.push(time.now()),
      minIntervalMs: 250,
      hidden: () => false,
    });
    for (let ms = 0; ms < 3000; ms += 5) {
      scheduler.request();
      time.advance(5);
    }
    // Never a fifth pass within one second of the first of four, yet the page is kept up.
    for (let i = 0; i + 4 < passes.length; i++) {
      expect(passes[i + 4]! - passes[i]!).toBeGreaterThanOrEqual(1000);
    }
    expect(passes.length).toBeGreaterThanOrEqual(11);
  });

  it('runs none while the tab is hidden, and one when it is shown again', () => {
    const time = fakeTime();
    let passes = 0;
    let hidden = true;
    const scheduler = createPassScheduler({
      ...time,
      pass: () => passes++,
      minIntervalMs: 250,
      hidden: () => hidden,
    });
    for (let i = 0; i < 20; i++) {
      scheduler.request();
      time.advance(100);
    }
    expect(passes).toBe(0);
    hidden = false;
    scheduler.visibilityChanged();
    time.advance(1000);
    expect(passes).toBe(1);
  });

  it('stops for good when the content script is invalidated', () => {
    const time = fakeTime();
    let passes = 0;
    const scheduler = createPassScheduler({
      ...time,
      pass: () => passes++,
      minIntervalMs: 250,
      hidden: () => false,
    });
    scheduler.request();
    scheduler.stop();
    scheduler.request();
    time.advance(1000);
    expect(passes).toBe(0);
  });
});

describe('which page changes call for a pass', () => {
  async function recordsOf(change: (root: HTMLElement) => void): Promise<MutationRecord[]> {
    const root = doc.createElement('div');
    doc.body.append(root);
    const observer = new MutationObserver(() => undefined);
    observer.observe(root, { childList: true, subtree: true });
    change(root);
    const records = observer.takeRecords();
    observer.disconnect();
    root.remove();
    return records;
  }

  it('ignores text and plain markup, reacts to fields, forms and custom elements', async () => {
    expect(
      addsFormControls(
        await recordsOf((root) => {
          root.append('a chat message');
          root.append(doc.createElement('p'));
        }),
      ),
    ).toBe(false);
    expect(
      addsFormControls(
        await recordsOf((root) => {
          const wrapper = doc.createElement('div');
          wrapper.innerHTML = '<label>Password <input type="password"></label>';
          root.append(wrapper);
        }),
      ),
    ).toBe(true);
    expect(
      addsFormControls(await recordsOf((root) => root.append(doc.createElement('login-box')))),
    ).toBe(true);
  });
});
