/** Create an account: email, password twice with its strength, a hint. Then the Emergency Kit. */
import { useMemo, useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { StrengthMeter } from '@/components/StrengthMeter';
import { estimateStrength, isAcceptable } from '@/components/strength';
import { isEmailShape } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { navigate, refreshStatus, server } from '../model';
import { freshKit } from './kit-state';

interface Problems {
  email?: string;
  password?: string;
  confirm?: string;
  hint?: string;
}

export function CreateAccount() {
  const first = useFocusOnMount<HTMLInputElement>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [hint, setHint] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const personal = useMemo(() => [email, email.split('@')[0] ?? ''], [email]);
  const strength = useMemo(() => estimateStrength(password, personal), [password, personal]);

  const create = useAction(async () => {
    const kit = await send('account.create', {
      email: email.trim(),
      password,
      hint: hint.trim(),
      serverUrl: server.value,
    });
    freshKit.value = kit;
    await refreshStatus();
    navigate({ name: 'kit' });
  });

  const check = (): Problems => {
    const found: Problems = {};
    if (!isEmailShape(email)) found.email = t('emailInvalid');
    if (!isAcceptable(strength)) found.password = t('passwordTooWeak');
    if (confirm !== password) found.confirm = t('passwordsDiffer');
    const lowerHint = hint.toLowerCase();
    if (password.length >= 4 && lowerHint.includes(password.toLowerCase())) {
      found.hint = t('hintHasPassword');
    }
    return found;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    const firstBad = (['email', 'password', 'confirm', 'hint'] as const).find((k) => found[k]);
    if (firstBad) {
      const form = event.currentTarget as HTMLFormElement;
      // After the render that marks the fields: focus the first one to fix.
      requestAnimationFrame(() =>
        form.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    void create.run();
  };

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={create.busy}>
      <h1>{t('createTitle')}</h1>
      <Field
        label={t('emailLabel')}
        type="email"
        autoComplete="username"
        value={email}
        inputRef={first}
        onInput={setEmail}
        error={problems.email}
      />
      <PasswordField
        label={t('accountPasswordLabel')}
        autoComplete="new-password"
        value={password}
        onInput={setPassword}
        error={problems.password}
        help={t('accountPasswordHelp')}
      />
      {password && <StrengthMeter strength={strength} id="strength" />}
      <PasswordField
        label={t('confirmPasswordLabel')}
        autoComplete="new-password"
        value={confirm}
        onInput={setConfirm}
        error={
          problems.confirm ??
          (confirm && !password.startsWith(confirm) ? t('passwordsDiffer') : undefined)
        }
      />
      <Field
        label={t('hintLabel')}
        value={hint}
        onInput={setHint}
        error={problems.hint}
        help={t('hintWarning')}
      />
      <p class="muted">{t('serverInUse', server.value)}</p>
      <ErrorNotice>{create.error}</ErrorNotice>
      <div class="row">
        <button type="button" onClick={() => navigate({ name: 'welcome' })}>
          {t('back')}
        </button>
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? t('creatingAccount') : t('createAccountSubmit')}
        </button>
      </div>
    </form>
  );
}
