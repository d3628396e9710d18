/**
 * What to do when a fill needs the user's word first (DESIGN §6): an https login into an http
 * page, a frame of another site inside the tab, or a form that posts to another site, each
 * named. Nothing is filled until they say so. And the offer to reach a frame the click did not.
 */
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/lib/i18n';
import type { FillOutcome, FillReason } from '@/lib/messaging/protocol';

/** Why nothing was filled, in words, with the next step. */
export const fillReasonText: Record<FillReason, MessageKey> = {
  'no-match': 'fillWhyNoMatch',
  'opaque-origin': 'fillWhyOpaque',
  'not-web': 'fillWhyNotWeb',
  'no-host-access': 'fillWhyNoAccess',
  'no-form': 'fillWhyNoForm',
  'frame-other-site': 'fillWhyFrameOtherSite',
  'no-tab': 'fillWhyNoTab',
  'not-a-login': 'fillWhyNotLogin',
};

/** The refusal in words (naming the frame's site where there is one). */
export function refusalText(outcome: Extract<FillOutcome, { kind: 'refused' }>): string {
  return t(fillReasonText[outcome.reason], outcome.frameSite ?? '');
}

export function FillQuestion(props: {
  title: string;
  question: Extract<FillOutcome, { kind: 'confirm' }>;
  /** Gets the click, so a caller can tell where it landed (the in-page menu's checks). */
  onFill: (event: MouseEvent) => void;
  onCancel: () => void;
}) {
  const { question } = props;
  return (
    <div class="notice warning" role="alertdialog" aria-label={t('fillAnyway')}>
      {question.confirm.includes('equivalent-site') && (
        <p>{t('fillConfirmEquivalent', [props.title, question.frameSite])}</p>
      )}
      {question.confirm.includes('insecure-page') && <p>{t('fillConfirmInsecure', props.title)}</p>}
      {question.confirm.includes('cross-origin-frame') && (
        <p>{t('fillConfirmFrame', [question.frameSite, question.topSite])}</p>
      )}
      {question.confirm.includes('form-action') && question.actionSite && (
        <p>{t('fillConfirmAction', question.actionSite)}</p>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={props.onFill}>
          {t('fillAnyway')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/** The form is in a frame of another site: ask for that site now, inside the user's click. */
export function FrameAccess(props: { site: string; onGranted: () => void }) {
  const ask = () => {
    browser.permissions.request({ origins: [`${props.site}/*`] }).then(
      (granted) => granted && props.onGranted(),
      () => undefined,
    );
  };
  return (
    <div class="notice warning" role="alert">
      <p>{t('fillWhyFrameOtherSite', props.site)}</p>
      <button type="button" class="primary" onClick={ask}>
        {t('fillAllowFrame', props.site)}
      </button>
    </div>
  );
}
