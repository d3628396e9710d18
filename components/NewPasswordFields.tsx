/**
 * Choosing an account password, as account creation and password change both ask for it: the
 * password with its strength, the same again, and the hint, with one set of rules for all three.
 */
import { Field } from './Field';
import { PasswordField } from './PasswordField';
import { StrengthMeter } from './StrengthMeter';
import { isAcceptable, type Strength } from './strength';
import { t } from '@/lib/i18n';

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
  strength: Strength;
}): NewPasswordProblems {
  const found: NewPasswordProblems = {};
  if (!isAcceptable(input.strength)) found.password = t('passwordTooWeak');
  if (input.confirm !== input.password) found.confirm = t('passwordsDiffer');
  const { password } = input;
  if (password.length >= 4 && input.hint.toLowerCase().includes(password.toLowerCase())) {
    found.hint = t('hintHasPassword');
  }
  return found;
}

export function NewPasswordFields(props: {
  labels: { password: string; confirm: string };
  password: string;
  confirm: string;
  hint: string;
  strength: Strength;
  problems: NewPasswordProblems;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  onHint: (value: string) => void;
}) {
  const { password, confirm, problems } = props;
  return (
    <>
      <PasswordField
        label={props.labels.password}
        autoComplete="new-password"
        value={password}
        onInput={props.onPassword}
        error={problems.password}
        help={t('accountPasswordHelp')}
      />
      {password && <StrengthMeter strength={props.strength} id="strength" />}
      <PasswordField
        label={props.labels.confirm}
        autoComplete="new-password"
        value={confirm}
        onInput={props.onConfirm}
        error={
          problems.confirm ??
          (confirm && !password.startsWith(confirm) ? t('passwordsDiffer') : undefined)
        }
      />
      <Field
        label={t('hintLabel')}
        value={props.hint}
        onInput={props.onHint}
        error={problems.hint}
        help={t('hintWarning')}
      />
    </>
  );
}
