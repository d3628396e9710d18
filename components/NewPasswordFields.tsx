/**
 * Choosing an account password, as account creation, password change and the reset page all ask
 * for it: the password with its strength, the same again, and the hint, with one set of rules for
 * all three, and one way to point at the first field to fix.
 */
import type { Dispatch, StateUpdater } from 'preact/hooks';
import { useMemo, useRef, useState } from 'preact/hooks';
import { Field } from './Field';
import { PasswordField } from './PasswordField';
import { StrengthMeter } from './StrengthMeter';
import { isAcceptable, personalWords, type Strength } from './strength';
import { useStrength, type StrengthState } from './useStrength';
import { t } from '@/lib/i18n';

/** A new password being typed: the password, the same again, the hint, and its strength. */
export interface NewPassword {
  password: string;
  confirm: string;
  hint: string;
  /** The strength of `password` as typed now; undefined while the estimate is on its way. */
  strength?: Strength;
  estimate: StrengthState;
  setPassword: Dispatch<StateUpdater<string>>;
  setConfirm: Dispatch<StateUpdater<string>>;
  setHint: Dispatch<StateUpdater<string>>;
}

/** The state of a new password for the account `email`, whose parts make a password weaker. */
export function useNewPassword(email: string): NewPassword {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [hint, setHint] = useState('');
  const personal = useMemo(() => personalWords(email), [email]);
  const estimate = useStrength(password, personal);
  const strength = estimate.current;
  return { password, confirm, hint, strength, estimate, setPassword, setConfirm, setHint };
}

/** After the render that marks the fields: focus the first one to fix. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() =>
    form.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(),
  );
}

export interface NewPasswordProblems {
  password?: string;
  confirm?: string;
  hint?: string;
}

/** What is wrong with the chosen password, its confirmation and the hint, as sentences. */
export function newPasswordProblems(input: {
  password: string;
  confirm: string;
  hint: string;
  strength?: Strength;
}): NewPasswordProblems {
  const found: NewPasswordProblems = {};
  // Forms wait for the estimate (StrengthState.deferSubmit); none means the estimator failed.
  if (!input.strength) found.password = t('strengthUnavailable');
  else if (!isAcceptable(input.strength)) found.password = t('passwordTooWeak');
  if (input.confirm !== input.password) found.confirm = t('passwordsDiffer');
  const { password } = input;
  if (password.length >= 4 && input.hint.toLowerCase().includes(password.toLowerCase())) {
    found.hint = t('hintHasPassword');
  }
  return found;
}

/**
 * Each problem stands for the values it was found in: typing over them clears it, and the live
 * strength meter and "passwords differ" line take over until the next check (issue 13: "Choose a
 * stronger password" stayed beside a green "Strong" meter).
 */
function useStandingProblems(problems: NewPasswordProblems, now: NewPassword): NewPasswordProblems {
  const checked = useRef({
    problems,
    password: now.password,
    confirm: now.confirm,
    hint: now.hint,
  });
  if (checked.current.problems !== problems) {
    checked.current = { problems, password: now.password, confirm: now.confirm, hint: now.hint };
  }
  const then = checked.current;
  const samePassword = now.password === then.password;
  return {
    password: samePassword ? problems.password : undefined,
    confirm: samePassword && now.confirm === then.confirm ? problems.confirm : undefined,
    hint: samePassword && now.hint === then.hint ? problems.hint : undefined,
  };
}

export function NewPasswordFields(props: {
  labels: { password: string; confirm: string };
  choice: NewPassword;
  problems: NewPasswordProblems;
  /** Instead of `choice.setHint`, for a form that also notes that the hint was typed. */
  onHint?: (value: string) => void;
}) {
  const { choice } = props;
  const { password, confirm } = choice;
  const problems = useStandingProblems(props.problems, choice);
  return (
    <>
      <PasswordField
        label={props.labels.password}
        autoComplete="new-password"
        value={password}
        onInput={choice.setPassword}
        error={problems.password}
        help={t('accountPasswordHelp')}
      />
      {password && (
        <StrengthMeter
          strength={choice.estimate.shown}
          failed={choice.estimate.failed}
          id="strength"
        />
      )}
      <PasswordField
        label={props.labels.confirm}
        autoComplete="new-password"
        value={confirm}
        onInput={choice.setConfirm}
        error={
          problems.confirm ??
          (confirm && !password.startsWith(confirm) ? t('passwordsDiffer') : undefined)
        }
      />
      <Field
        label={t('hintLabel')}
        value={choice.hint}
        onInput={props.onHint ?? choice.setHint}
        error={problems.hint}
        help={t('hintWarning')}
      />
    </>
  );
}
