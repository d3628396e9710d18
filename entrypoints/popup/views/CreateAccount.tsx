/**
 * Create an account: email, password twice with its strength, a hint; then the code emailed to
 * the address (VerifyEmail.tsx), then the Emergency Kit. The new account's keys wait in the
 * background while the user reads the email (the password does not), so a popup closed meanwhile
 * comes back on the code.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { useAction } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { ServerInUse } from '@/components/ServerAddress';
import {
  NewPasswordFields,
  focusFirstInvalid,
  newPasswordProblems,
  useNewPassword,
  type NewPasswordProblems,
} from '@/components/NewPasswordFields';
import { isEmailShape } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { PendingAccount } from '@/lib/messaging/protocol';
import { chooseServer, navigate, server } from '../model';
import { VerifyEmail } from './VerifyEmail';

interface Problems extends NewPasswordProblems {
  email?: string;
}

export function CreateAccount() {
  const first = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const choice = useNewPassword(email);
  const { password, hint, setHint } = choice;
  const [problems, setProblems] = useState<Problems>({});
  /** The form the background keeps, waiting for its emailed code; shown as the code step. */
  const [pending, setPending] = useState<PendingAccount>();
  const [sentPassword, setSentPassword] = useState<string>();
  const [step, setStep] = useState<'form' | 'code'>('form');

  useEffect(() => {
    void send('account.pendingCreate', {}).then(
      ({ pending: waiting }) => {
        // The password is not kept: "change" brings the form back with it to type again.
        if (!waiting) return;
        setEmail(waiting.email);
        setHint(waiting.hint);
        setPending(waiting);
        setStep('code');
      },
      () => undefined,
    );
  }, []);

  const fields = { email: email.trim(), password, hint: hint.trim(), serverUrl: server.value };
  const sendCode = useAction(async () => {
    setPending(await send('account.verifyEmail', fields));
    setSentPassword(fields.password);
    setStep('code');
  });
  useEffect(() => {
    if (step === 'form') first.current?.focus();
  }, [step]);

  const check = (): Problems => {
    const found: Problems = newPasswordProblems(choice);
    if (!isEmailShape(email)) found.email = t('emailInvalid');
    return found;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    // The first estimate may still be on its way: this submit comes back once it is in.
    if (choice.estimate.deferSubmit(event.currentTarget as HTMLFormElement)) return;
    const found = check();
    setProblems(found);
    const firstBad = (['email', 'password', 'confirm', 'hint'] as const).find((k) => found[k]);
    if (firstBad) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    // Back from the code step with nothing changed: the code on its way still counts.
    const unchanged =
      pending?.email === fields.email.toLowerCase() &&
      pending.hint === fields.hint &&
      pending.serverUrl === fields.serverUrl &&
      sentPassword === password;
    if (unchanged) return setStep('code');
    void sendCode.run();
  };

  const leave = () => {
    void send('account.cancelCreate', {}).catch(() => undefined);
    navigate({ name: 'welcome' });
  };

  if (step === 'code' && pending) {
    return <VerifyEmail pending={pending} onChange={() => setStep('form')} onResent={setPending} />;
  }

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={sendCode.busy}>
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
        choice={choice}
        problems={problems}
      />
      <ServerInUse value={server.value} onChange={chooseServer} />
      <ErrorNotice>{sendCode.error}</ErrorNotice>
      <div class="row">
        <button type="button" onClick={leave}>
          {t('back')}
        </button>
        <button type="submit" class="primary" disabled={sendCode.busy}>
          {sendCode.busy ? t('createSendingCode') : t('createContinue')}
        </button>
      </div>
    </form>
  );
}
