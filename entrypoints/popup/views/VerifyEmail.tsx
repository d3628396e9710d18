/**
 * Creating an account, step two: the code emailed to the address. It is formatted as typed; a
 * wrong or expired one says so under the field and stays there to fix; a new one can be sent after
 * a while. Nothing here differs for an address that already has an account (its owner got a
 * notice instead of a code), so the view never tells anyone which addresses are taken.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatWithCaret } from '@/components/account-key-input';
import { shortCodeFeedback } from '@/components/code-input';
import { errorCode } from '@/components/errors';
import { Field } from '@/components/Field';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { formatShortCodeAsTyped } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { RESEND_CODE_AFTER_MS } from '@/lib/messaging/devices';
import type { PendingAccount } from '@/lib/messaging/protocol';
import { navigate, refreshStatus } from '../model';
import { freshKit } from './kit-state';

/** Seconds until `at`, ticking once a second while there are any. */
function useSecondsUntil(at: number): number {
  const left = () => Math.max(0, Math.ceil((at - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    const timer = setInterval(() => {
      const next = left();
      setSeconds(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [at]);
  return seconds;
}

export function VerifyEmail(props: {
  pending: PendingAccount;
  /** Back to the form, everything in it as typed. */
  onChange: () => void;
  onResent: (pending: PendingAccount) => void;
}) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [wrongCode, setWrongCode] = useState(false);
  const [resent, setResent] = useState(false);
  const wait = useSecondsUntil(props.pending.sentAt + RESEND_CODE_AFTER_MS);
  const seconds = String(wait);
  const selectCode = useRef(false);

  const create = useAction(
    async () => {
      const kit = await send('account.create', { code });
      freshKit.value = kit;
      await refreshStatus();
      navigate({ name: 'kit' });
    },
    (error) => {
      if (errorCode(error) !== 'invalid-code') return;
      setWrongCode(true);
      selectCode.current = true;
    },
  );
  useEffect(() => {
    // After a wrong code: the code stays, selected, so typing the right one replaces it.
    if (!selectCode.current || create.busy) return;
    selectCode.current = false;
    codeRef.current?.focus();
    codeRef.current?.select();
  }, [create.busy]);

  const resend = useAction(async () => {
    props.onResent(await send('account.resendCode', {}));
    setResent(true);
    setWrongCode(false);
    codeRef.current?.focus();
  });

  const onInput = (raw: string) => {
    const input = codeRef.current;
    const next = formatWithCaret(raw, input?.selectionStart ?? raw.length, formatShortCodeAsTyped);
    setCode(next.value);
    // The refusal was about the code that was there: once it changes, it no longer applies.
    setWrongCode(false);
    create.setError(undefined);
    requestAnimationFrame(() => input?.setSelectionRange(next.caret, next.caret));
  };

  const feedback = shortCodeFeedback(code, submitted);
  const fieldError =
    feedback.kind === 'error' ? t(feedback.key) : wrongCode ? create.error : undefined;

  const submit = (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    if (shortCodeFeedback(code, true).kind !== 'ok') return codeRef.current?.focus();
    void create.run();
  };

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={create.busy} data-verify-email>
      <h1>{t('verifyTitle')}</h1>
      <p>{t('verifySent', props.pending.email)}</p>
      <Field
        label={t('verifyCodeLabel')}
        value={code}
        inputRef={codeRef}
        mono
        autoComplete="one-time-code"
        placeholder="XXXX-XXXX"
        onInput={onInput}
        help={t('verifyCodeHelp')}
        error={fieldError}
      />
      <ErrorNotice>{wrongCode ? undefined : create.error}</ErrorNotice>
      <div class="row">
        <button type="button" onClick={props.onChange} disabled={create.busy}>
          {t('verifyChange')}
        </button>
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? t('creatingAccount') : t('createAccountSubmit')}
        </button>
      </div>
      <p class="muted">{t('verifyNoEmail')}</p>
      <button
        type="button"
        onClick={() => void resend.run()}
        disabled={wait > 0 || resend.busy || create.busy}
      >
        {wait > 0 ? t('verifyResendIn', seconds) : t('verifyResend')}
      </button>
      {resent && !resend.error && <StatusNotice>{t('verifyResent')}</StatusNotice>}
      <ErrorNotice>{resend.error}</ErrorNotice>
    </form>
  );
}
