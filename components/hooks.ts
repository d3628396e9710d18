/** Small hooks the views share: running an action with its busy and error state, and focus. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from './errors';

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  /** The translated sentence for the last failure, cleared by the next run. */
  error: string | undefined;
  setError: (error: string | undefined) => void;
}

/** Wraps an async action: one at a time, its failure as a sentence, never a raw exception. */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  onError?: (error: unknown) => void,
): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const running = useRef(false);
  const run = async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      return await action(...args);
    } catch (caught) {
      setError(describeError(caught));
      onError?.(caught);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/** A ref whose element gets focus when the view appears: a heading or the first field. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
