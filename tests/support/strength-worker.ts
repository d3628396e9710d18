/**
 * happy-dom has no Worker: this stands in for the browser's, running the real strength worker's
 * estimator (zxcvbn with its dictionaries) on the test's thread and answering asynchronously, as a
 * worker does. `held` keeps answers back until `release()`, to act while the first estimate is
 * still on its way; `failing` is a worker whose script does not load (an extension updated under
 * the page).
 */
import { vi } from 'vitest';
import type { StrengthAnswer, StrengthRequest } from '@/components/strength-client';
import { createEstimator, type Estimator } from '@/components/strength-zxcvbn';

let estimator: Estimator | undefined;

export function stubStrengthWorker(options: { held?: boolean; failing?: boolean } = {}) {
  let release = () => {};
  const gate = options.held ? new Promise<void>((open) => (release = open)) : Promise.resolve();
  class InThreadWorker extends EventTarget {
    constructor() {
      super();
      if (options.failing) setTimeout(() => this.dispatchEvent(new Event('error')));
    }
    postMessage(request: StrengthRequest) {
      if (options.failing) return;
      void gate.then(() => {
        estimator ??= createEstimator();
        const strength = estimator(request.password, request.personal);
        const answer: StrengthAnswer = { id: request.id, strength };
        this.dispatchEvent(new MessageEvent('message', { data: answer }));
      });
    }
    terminate() {}
  }
  vi.stubGlobal('Worker', InThreadWorker);
  return { release: () => release() };
}
