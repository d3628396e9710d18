/**
 * Settings → Plan: the account's plan by its name in the user's language, and a license code to
 * change it. The code is formatted as typed, and its check character catches a typo before
 * anything is sent; the server says whether it is valid and unused.
 */
import { useRef, useState } from 'preact/hooks';
import { formatWithCaret } from '@/components/account-key-input';
import { licenseCodeFeedback } from '@/components/code-input';
import { Field } from '@/components/Field';
import { useAction } from '@/components/hooks';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { planName } from '@/components/plan';
import { formatLicenseCodeAsTyped } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { Plan } from '@/lib/messaging/devices';
import { onStateError } from '../model';

export function PlanSettings(props: { plan?: Plan; onPlan: (plan: Plan) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [redeemed, setRedeemed] = useState<Plan>();

  const redeem = useAction(async () => {
    const { plan } = await send('account.redeemLicense', { code });
    props.onPlan(plan);
    setRedeemed(plan);
    setCode('');
    setSubmitted(false);
  }, onStateError);

  const onInput = (raw: string) => {
    const input = inputRef.current;
    const next = formatWithCaret(
      raw,
      input?.selectionStart ?? raw.length,
      formatLicenseCodeAsTyped,
    );
    setCode(next.value);
    setRedeemed(undefined);
    redeem.setError(undefined);
    requestAnimationFrame(() => input?.setSelectionRange(next.caret, next.caret));
  };

  const feedback = licenseCodeFeedback(code, submitted);
  const redeemedName = redeemed && planName(redeemed);
  const submit = (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    if (licenseCodeFeedback(code, true).kind !== 'ok') return inputRef.current?.focus();
    void redeem.run();
  };

  return (
    <section aria-labelledby="plan-heading" class="stack">
      <h2 id="plan-heading">{t('planLabel')}</h2>
      <p data-plan={props.plan}>{props.plan ? planName(props.plan) : t('planUnknown')}</p>
      <form class="stack" onSubmit={submit} noValidate aria-busy={redeem.busy}>
        <Field
          label={t('licenseCodeLabel')}
          value={code}
          inputRef={inputRef}
          mono
          autoComplete="off"
          placeholder="CFL-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXXX"
          onInput={onInput}
          help={t('licenseCodeHelp')}
          error={feedback.kind === 'error' ? t(feedback.key) : undefined}
          ok={feedback.kind === 'ok' ? t('licenseLooksRight') : undefined}
        />
        <ErrorNotice>{redeem.error}</ErrorNotice>
        {redeemedName && <StatusNotice>{t('licenseRedeemed', redeemedName)}</StatusNotice>}
        <button type="submit" disabled={redeem.busy}>
          {redeem.busy ? t('licenseRedeeming') : t('licenseRedeem')}
        </button>
      </form>
    </section>
  );
}
