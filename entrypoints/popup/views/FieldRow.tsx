/**
 * One copyable field of an item in the detail view. A secret one (a password, a card number or
 * security code) is masked until shown; copying any field clears the clipboard
 * later (the background's timer) and the toast says when.
 */
import { useState } from 'preact/hooks';
import { EyeIcon } from '@/components/icons';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
import { t } from '@/lib/i18n';
import { showToast } from '../model';
import { copyText, secondsUntilCleared } from '../vault-client';

export function FieldRow(props: {
  label: string;
  /** What is copied. */
  value: string;
  /** What is shown, when it differs (the number in groups of four). */
  shown?: string;
  secret?: boolean;
  /** The toast after copying, given the seconds until the clipboard is cleared. */
  copied?: (seconds: string) => string;
}) {
  const { label, value, secret } = props;
  const [revealed, setRevealed] = useState(false);
  const [error, setError] = useState<string>();
  const copy = async () => {
    try {
      await copyText(value);
      const seconds = String(await secondsUntilCleared(value));
      const fallback = secret ? t('copiedPassword', seconds) : t('copiedUsername', seconds);
      showToast({ text: props.copied?.(seconds) ?? fallback });
    } catch (caught) {
      setError(caught instanceof DOMException ? t('copyFailed') : describeError(caught));
    }
  };
  const masked = secret && !revealed;
  return (
    <div class="detail-row">
      <dt>{label}</dt>
      <dd>
        <span class={masked ? 'mono masked' : 'mono'}>
          {masked ? '••••••••••' : (props.shown ?? value)}
        </span>
        {secret && (
          <button
            type="button"
            class="icon-button"
            aria-pressed={revealed}
            aria-label={revealed ? t('hidePasswordOf', label) : t('showPasswordOf', label)}
            onClick={() => setRevealed(!revealed)}
          >
            <EyeIcon open={!revealed} />
          </button>
        )}
        <button
          type="button"
          class="small"
          aria-label={t('copyFieldOf', label)}
          onClick={() => void copy()}
        >
          {t('copy')}
        </button>
        <ErrorNotice>{error}</ErrorNotice>
      </dd>
    </div>
  );
}

/** An item's tags, read-only, in the detail view. */
export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label={t('tagsLabel')}>
      {tags.map((tag) => (
        <li key={tag} class="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
