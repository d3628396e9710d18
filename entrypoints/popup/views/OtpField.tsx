/**
 * The login editor's "One-time code": the setup key or otpauth:// link pasted or typed (checked,
 * with the reason when it is no good), read from a picture of a QR code, or from the tab under
 * the popup ("Scan QR code in this tab": the background takes the picture, this view decodes it
 * with the same qr-scanner worker as the Emergency Kit's). What is read replaces the text field's
 * value; Save stores it normalised (item-form.ts).
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Field } from '@/components/Field';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { createQrReader } from '@/components/qr-scan';
import { describeError } from '@/components/errors';
import { t, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { QR_WORKER_PATH } from '@/lib/platform/qr-worker';
import { normalizeOtp, safeParseOtp, type OtpProblem } from '@/lib/vault/totp';
import { targetTabId } from '../vault-client';

export const otpProblemText: Record<OtpProblem, MessageKey> = {
  'not-otp': 'otpErrNotOtp',
  hotp: 'otpErrHotp',
  'no-secret': 'otpErrNoSecret',
  'bad-secret': 'otpErrBadSecret',
  'bad-algorithm': 'otpErrBadAlgorithm',
  'bad-digits': 'otpErrBadDigits',
  'bad-period': 'otpErrBadPeriod',
};

/** Why a picture gave no setup, already in the user's words. */
class Unreadable extends Error {}

/** The QR code's text in a picture, or undefined when it shows none. */
async function readQr(picture: Blob): Promise<string | undefined> {
  const reader = await createQrReader(browser.runtime.getURL(QR_WORKER_PATH as '/'));
  try {
    return await reader.read(picture);
  } finally {
    reader.close();
  }
}

export function OtpField(props: {
  value: string;
  onChange: (otp: string) => void;
  /** What is wrong with the value, shown once the user left the field or pressed Save. */
  problem?: OtpProblem;
  checked: boolean;
}) {
  const [left, setLeft] = useState(false);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  /** A picture from a file or the tab: its QR code becomes the setup, or we say why not. */
  const take = async (picture: () => Promise<Blob>, noQr: string) => {
    setBusy(true);
    setError(undefined);
    setNote(t('otpReading'));
    try {
      const text = await readQr(await picture());
      if (text === undefined) throw new Unreadable(noQr);
      const config = safeParseOtp(text);
      if (!config) throw new Unreadable(t('otpQrNotOtp'));
      props.onChange(normalizeOtp(text));
      setLeft(false);
      const name = [config.issuer, config.label].filter(Boolean).join(' · ');
      setNote(name ? t('otpFound', name) : t('otpFoundUnnamed'));
    } catch (caught) {
      setNote(undefined);
      setError(caught instanceof Unreadable ? caught.message : describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const fromTab = async (): Promise<Blob> => {
    const tabId = targetTabId();
    const capture = await send('totp.captureTab', tabId === undefined ? {} : { tabId });
    if ('refused' in capture) {
      throw new Unreadable(t(capture.refused === 'no-tab' ? 'otpScanNoTab' : 'otpScanNoAccess'));
    }
    return (await fetch(capture.image)).blob();
  };

  const shown =
    props.problem && (left || props.checked) ? t(otpProblemText[props.problem]) : undefined;
  return (
    <fieldset class="otp-edit" aria-busy={busy}>
      <legend>{t('otpLegend')}</legend>
      <div onFocusOut={() => setLeft(true)}>
        <Field
          label={t('otpInputLabel')}
          value={props.value}
          mono
          autoComplete="off"
          onInput={(value) => {
            setNote(undefined);
            setLeft(false);
            props.onChange(value);
          }}
          help={t('otpInputHelp')}
          error={shown}
          actions={
            props.value && (
              <button
                type="button"
                class="icon-button"
                aria-label={t('otpRemove')}
                onClick={() => {
                  setNote(undefined);
                  props.onChange('');
                }}
              >
                ✕
              </button>
            )
          }
        />
      </div>
      <div class="row">
        <label class="button">
          {t('otpFromPicture')}
          <input
            type="file"
            accept="image/*"
            class="visually-hidden"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void take(() => Promise.resolve(file), t('otpNoQrPicture'));
            }}
          />
        </label>
        <button type="button" disabled={busy} onClick={() => void take(fromTab, t('otpNoQrTab'))}>
          {t('otpScanTab')}
        </button>
      </div>
      {note && !error && <StatusNotice>{note}</StatusNotice>}
      <ErrorNotice>{error}</ErrorNotice>
    </fieldset>
  );
}
