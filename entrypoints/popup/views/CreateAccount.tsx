/** Create an account: email, password twice with its strength, a hint. Then the Emergency Kit. */
import { useMemo, useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import {
  NewPasswordFields,
  newPasswordProblems,
  type NewPasswordProblems,
} from '@/components/NewPasswordFields';
import { estimateStrength } from '@/components/strength';
import { isEmailShape } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { navigate, refreshStatus, server } from '../model';
import { freshKit } from './kit-state';

interface Problems extends NewPasswordProblems {
  email?: string;
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
    const found: Problems = newPasswordProblems({ password, confirm, hint, strength });
    if (!isEmailShape(email)) found.email = t('emailInvalid');
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
      <NewPasswordFields
        labels={{ password: t('accountPasswordLabel'), confirm: t('confirmPasswordLabel') }}
        password={password}
        confirm={confirm}
        hint={hint}
        strength={strength}
        problems={problems}
        onPassword={setPassword}
        onConfirm={setConfirm}
        onHint={setHint}
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
