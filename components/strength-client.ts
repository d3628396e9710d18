/**
 * Talks to the strength worker (strength.worker.ts): one worker per form, started when the form
 * opens, so the dictionaries load while the user types the address, and stopped when it closes.
 */
import type { Strength } from './strength';
// Vite's worker import: the worker and what it imports become a file of their own, fetched only
// when a form starts one. (WXT defines `import.meta.url` as `self.location.href` for the service
// worker's sake, which hides the `new Worker(new URL(…, import.meta.url))` form from Vite.)
import StrengthWorker from './strength.worker?worker';

export interface StrengthRequest {
  id: number;
  password: string;
  personal: readonly string[];
}
export interface StrengthAnswer {
  id: number;
  strength: Strength;
}

export interface StrengthChecker {
  /** Rejects when the worker could not start (e.g. the extension was updated under the page). */
  estimate(password: string, personal: readonly string[]): Promise<Strength>;
  close(): void;
}

const startWorker = (): Worker => new StrengthWorker();

export function startStrengthChecker(createWorker: () => Worker = startWorker): StrengthChecker {
  const waiting = new Map<number, { resolve: (s: Strength) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const worker = createWorker();
  const fail = (error: Error) => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.addEventListener('message', (event: MessageEvent<StrengthAnswer>) => {
    const { id, strength } = event.data;
    waiting.get(id)?.resolve(strength);
    waiting.delete(id);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error('the strength check did not start'));
  });
  return {
    estimate(password, personal) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, password, personal: [...personal] } satisfies StrengthRequest);
      });
    },
    close() {
      worker.terminate();
      fail(new Error('closed'));
    },
  };
}
