/**
 * A login's current one-time code in the detail view, with the seconds it is still good for and
 * Copy (the clipboard is cleared later, as for the password).
 *
 * For screen readers: the code is an `<output>` named "One-time code" with live announcements
 * off, so it is read when the user reaches it, not every time it changes; the ring of seconds is
 * a `timer` (whose live region is off by definition), so the countdown is never read out each
 * second; a fixed line says how often the code changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
import { t } from '@/lib/i18n';
import { otpCodeAt, type OtpCode as Code } from '@/lib/vault/totp';
import { showToast } from '../model';
import { copyText, secondsUntilCleared } from '../vault-client';

function codeAt(setup: string, now: number): Code | undefined {
  try {
    return otpCodeAt(setup, now);
  } catch {
    return undefined;
  }
}

/** "123 456", "1234 5678": how authenticator apps group digits so that people read them. */
export function groupDigits(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length > 6
    ? `${code.slice(0, half)} ${code.slice(half)}`
    : code.replace(/^(\d{3})/, '$1 ');
}

export function OtpCode({ setup }: { setup: string }) {
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string>();
  useEffect(() => {
    // On each second's edge, so the count and the code change when the period does.
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      timer = setTimeout(tick, 1000 - (Date.now() % 1000));
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000));
    return () => clearTimeout(timer);
  }, []);

  const current = codeAt(setup, now);
  const label = t('otpCodeLabel');
  if (!current) {
    return (
      <div class="detail-row">
        <dt>{label}</dt>
        <dd>
          <p class="muted">{t('otpUnusable')}</p>
        </dd>
      </div>
    );
  }
  const copy = async () => {
    try {
      // The code of the moment of the click, not of the last render.
      const { code } = otpCodeAt(setup, Date.now());
      await copyText(code);
      const seconds = String(await secondsUntilCleared(code));
      showToast({ text: t('copiedCode', seconds) });
    } catch (caught) {
      setError(caught instanceof DOMException ? t('copyFailed') : describeError(caught));
    }
  };
  const fraction = current.secondsLeft / current.period;
  const period = String(current.period);
  return (
    <div class="detail-row otp-row">
      <dt>{label}</dt>
      <dd>
        <output class="mono otp-code" aria-live="off" aria-label={label} data-otp={current.code}>
          {groupDigits(current.code)}
        </output>
        <span
          role="timer"
          class={fraction <= 0.2 ? 'otp-timer ending' : 'otp-timer'}
          aria-label={t('otpSecondsLeft')}
          style={{ '--left': String(fraction) }}
        >
          {current.secondsLeft}
        </span>
        <button
          type="button"
          class="small"
          aria-label={t('copyFieldOf', label)}
          onClick={() => void copy()}
        >
          {t('copy')}
        </button>
        <span class="visually-hidden">{t('otpEvery', period)}</span>
        <ErrorNotice>{error}</ErrorNotice>
      </dd>
    </div>
  );
}
