/**
 * What to do when a fill needs the user's word first (DESIGN §6): an https login into an http
 * page, or a frame of another site inside the tab, named. Nothing is filled until they say so.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { FillOutcome, FillReason } from '@/lib/messaging/protocol';

/** Why nothing was filled, in words, with the next step. */
export const fillReasonText: Record<FillReason, MessageKey> = {
  'no-match': 'fillWhyNoMatch',
  'opaque-origin': 'fillWhyOpaque',
  'not-web': 'fillWhyNotWeb',
  'no-host-access': 'fillWhyNoAccess',
  'no-form': 'fillWhyNoForm',
  'no-tab': 'fillWhyNoTab',
  'not-a-login': 'fillWhyNotLogin',
};

export function FillQuestion(props: {
  title: string;
  question: Extract<FillOutcome, { kind: 'confirm' }>;
  onFill: () => void;
  onCancel: () => void;
}) {
  const { question } = props;
  return (
    <div class="notice warning" role="alertdialog" aria-label={t('fillAnyway')}>
      {question.confirm.includes('insecure-page') && <p>{t('fillConfirmInsecure', props.title)}</p>}
      {question.confirm.includes('cross-origin-frame') && (
        <p>{t('fillConfirmFrame', [question.frameSite, question.topSite])}</p>
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
