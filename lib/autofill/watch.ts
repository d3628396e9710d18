/**
 * Keeping detection up to date in a changing page at a bounded cost (DESIGN §6): mutation batches
 * that add no form control are ignored, passes are coalesced to one per interval, and a hidden
 * tab runs none until it is shown again. Pure, with its clock and timers passed in, so the rules
 * are tested without a page.
 */

/** Elements whose arrival may change what detection finds. */
const CONTROL_SELECTOR = 'input, form, button, iframe';
/** A batch inspects at most this many added nodes; past that, it assumes a change. */
const MAX_NODES_INSPECTED = 200;

export function addsFormControls(records: readonly MutationRecord[]): boolean {
  let inspected = 0;
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (++inspected > MAX_NODES_INSPECTED) return true;
      if (node.nodeType !== 1) continue;
      const element = node as Element;
      if (element.matches(CONTROL_SELECTOR) || element.querySelector(CONTROL_SELECTOR)) {
        return true;
      }
      // A custom element may bring its fields in an open shadow root.
      if (element.shadowRoot || element.tagName.includes('-')) return true;
    }
    // A login form that replaced its fields (or was removed) changes the answer as well.
    for (const node of record.removedNodes) {
      if (node.nodeType === 1 && (node as Element).matches?.(CONTROL_SELECTOR)) return true;
    }
  }
  return false;
}

export interface PassScheduler {
  /** Something changed: run a pass soon, at most one per interval. */
  request(): void;
  /** The tab was hidden or shown: a pass that waited runs once it is visible. */
  visibilityChanged(): void;
  stop(): void;
}

export function createPassScheduler<T>(deps: {
  pass: () => void;
  minIntervalMs: number;
  hidden: () => boolean;
  setTimeout: (run: () => void, ms: number) => T;
  clearTimeout: (id: T) => void;
  now: () => number;
}): PassScheduler {
  let lastPass = -Infinity;
  let timer: T | undefined;
  let wanted = false;
  let stopped = false;

  const run = () => {
    timer = undefined;
    if (stopped || !wanted || deps.hidden()) return;
    wanted = false;
    lastPass = deps.now();
    deps.pass();
  };

  const schedule = () => {
    if (stopped || timer !== undefined || deps.hidden()) return;
    const wait = Math.max(0, lastPass + deps.minIntervalMs - deps.now());
    timer = deps.setTimeout(run, wait);
  };

  return {
    request() {
      wanted = true;
      schedule();
    },
    visibilityChanged() {
      if (deps.hidden()) {
        if (timer !== undefined) deps.clearTimeout(timer);
        timer = undefined;
      } else if (wanted) {
        schedule();
      }
    },
    stop() {
      stopped = true;
      if (timer !== undefined) deps.clearTimeout(timer);
      timer = undefined;
    },
  };
}
