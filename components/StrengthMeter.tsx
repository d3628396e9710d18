/** The account password's strength, as a meter and the reasons it is not stronger. */
import { t, type MessageKey } from '@/lib/i18n';
import type { Strength, StrengthReason, StrengthScore } from './strength';

const scoreText: Record<StrengthScore, MessageKey> = {
  0: 'strengthVeryWeak',
  1: 'strengthWeak',
  2: 'strengthFair',
  3: 'strengthGood',
  4: 'strengthStrong',
};

const reasonText: Record<StrengthReason, MessageKey> = {
  tooShort: 'reasonTooShort',
  common: 'reasonCommon',
  repeated: 'reasonRepeated',
  sequence: 'reasonSequence',
  keyboard: 'reasonKeyboard',
  personal: 'reasonPersonal',
  year: 'reasonYear',
  date: 'reasonDate',
  names: 'reasonNames',
  singleWord: 'reasonSingleWord',
  l33t: 'reasonL33t',
  reversed: 'reasonReversed',
  capitals: 'reasonCapitals',
  addWord: 'reasonAddWord',
};

/** `strength` is missing while the first estimate is on its way (or if the estimator failed). */
export function StrengthMeter(props: { strength?: Strength; failed: boolean; id: string }) {
  const { strength, id } = props;
  if (!strength) {
    return (
      <div class="strength" id={id}>
        <p aria-live="polite" class="muted">
          {props.failed ? t('strengthUnavailable') : t('strengthChecking')}
        </p>
      </div>
    );
  }
  const label = t(scoreText[strength.score]);
  return (
    <div class="strength" id={id} data-score={strength.score}>
      <meter
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength.score}
        aria-label={t('strengthLabel')}
        aria-valuetext={label}
      />
      <p aria-live="polite">
        <strong>{label}</strong>
      </p>
      {strength.reasons.length > 0 && (
        <ul class="reasons">
          {strength.reasons.map((reason) => (
            <li key={reason}>{t(reasonText[reason])}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
