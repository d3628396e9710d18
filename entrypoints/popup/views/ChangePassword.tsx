/**
 * Change the account password (DESIGN §5): the current one, the new one twice with its strength,
 * and the hint. Items and the account key stay; the other devices ask for the new password.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorCode } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import {
  NewPasswordFields,
  focusFirstInvalid,
  newPasswordProblems,
  useNewPassword,
  type NewPasswordProblems,
} from '@/components/NewPasswordFields';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AppStatus } from '@/lib/messaging/protocol';
import { navigate, onStateError, showToast } from '../model';

interface Problems extends NewPasswordProblems {
  current?: string;
}

export function ChangePassword({ status }: { status: AppStatus }) {
  const first = useFocusOnMount<HTMLInputElement>();
  const [current, setCurrent] = useState('');
  const choice = useNewPassword(status.email ?? '');
  const { password, hint, setHint } = choice;
  /** Until the current hint has loaded or the user typed one, the background keeps it. */
  const [hintKnown, setHintKnown] = useState(false);
  const [problems, setProblems] = useState<Problems>({});

  useEffect(() => {
    // The hint stays unless the user changes it.
    send('account.info', {}).then((info) => {
      setHint((typed) => typed || info.hint || '');
      setHintKnown(true);
    }, onStateError);
  }, []);

  const change = useAction(
    async () => {
      const { revokedSessions } = await send('account.changePassword', {
        currentPassword: current,
        newPassword: password,
        ...(hintKnown ? { hint: hint.trim() } : {}),
      });
      const others = String(revokedSessions);
      showToast({
        text: revokedSessions > 0 ? t('passwordChangedOthers', others) : t('passwordChangedDone'),
      });
      navigate({ name: 'settings' });
    },
    (error) => {
      if (errorCode(error) === 'wrong-password') {
        // Point at the field to fix rather than only saying it below the form.
        change.setError(undefined);
        setProblems({ current: t('errorWrongPassword') });
        requestAnimationFrame(() => first.current?.focus());
      }
      onStateError(error);
    },
  );

  const check = (): Problems => {
    const found: Problems = newPasswordProblems(choice);
    if (!current) found.current = t('currentPasswordMissing');
    if (!found.password && password === current) found.password = t('passwordUnchanged');
    return found;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    // The first estimate may still be on its way: this submit comes back once it is in.
    if (choice.estimate.deferSubmit(event.currentTarget as HTMLFormElement)) return;
    const found = check();
    setProblems(found);
    if (Object.values(found).some(Boolean)) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    void change.run();
  };

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={change.busy}>
      <h1>{t('changePasswordTitle')}</h1>
      <p class="muted">{t('changePasswordIntro')}</p>
      <PasswordField
        label={t('currentPasswordLabel')}
        autoComplete="current-password"
        value={current}
        inputRef={first}
        onInput={setCurrent}
        error={problems.current}
      />
      <NewPasswordFields
        labels={{ password: t('newPasswordLabel'), confirm: t('confirmNewPasswordLabel') }}
        choice={choice}
        problems={problems}
        onHint={(value) => {
          setHint(value);
          setHintKnown(true);
        }}
      />
      <ErrorNotice>{change.error}</ErrorNotice>
      <div class="row">
        <button type="button" onClick={() => navigate({ name: 'settings' })}>
          {t('back')}
        </button>
        <button type="submit" class="primary" disabled={change.busy}>
          {change.busy ? t('changingPassword') : t('changePasswordSubmit')}
        </button>
      </div>
    </form>
  );
}
