/**
 * The strength of a password as it is typed, estimated in the strength worker. The meter shows
 * the latest answer (at most a keystroke behind); a form submits only on the answer for exactly
 * what is typed now, and a submit that comes before it waits for it (the first one, while the
 * dictionaries load, ≈ 0.5 s after the form opened) instead of being refused.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Strength } from './strength';
import { startStrengthChecker, type StrengthChecker } from './strength-client';

/** What an empty password gets: nothing to estimate, and refused. */
const EMPTY: Strength = { score: 0, bits: 0, reasons: ['tooShort'] };

export interface StrengthState {
  /** The estimate for the password as typed now; undefined until it is in. */
  current?: Strength;
  /** The latest estimate, for the meter. */
  shown?: Strength;
  /** The estimator could not start: the form cannot judge the password. */
  failed: boolean;
  /** Submits `form` again once the estimate for the current password is in; false if it is in. */
  deferSubmit(form: HTMLFormElement): boolean;
}

export function useStrength(password: string, personal: readonly string[]): StrengthState {
  const checker = useRef<StrengthChecker | undefined>(undefined);
  const [answer, setAnswer] = useState<{ password: string; personal: readonly string[] }>();
  const [strength, setStrength] = useState<Strength>();
  const [failed, setFailed] = useState(false);
  const [waitingForm, setWaitingForm] = useState<HTMLFormElement>();

  useEffect(() => {
    checker.current = startStrengthChecker();
    return () => checker.current?.close();
  }, []);

  useEffect(() => {
    if (!password) return;
    let live = true;
    checker.current?.estimate(password, personal).then(
      (estimate) => {
        if (!live) return;
        setStrength(estimate);
        setAnswer({ password, personal });
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [password, personal]);

  const current = !password
    ? EMPTY
    : answer?.password === password && answer.personal === personal
      ? strength
      : undefined;

  useEffect(() => {
    if (!waitingForm || (!current && !failed)) return;
    setWaitingForm(undefined);
    waitingForm.requestSubmit();
  }, [waitingForm, current, failed]);

  return {
    current,
    shown: password ? strength : undefined,
    failed,
    deferSubmit(form) {
      if (current || failed) return false;
      setWaitingForm(form);
      return true;
    },
  };
}
