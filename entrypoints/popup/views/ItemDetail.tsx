/**
 * One item, read-only: copy, reveal, open its sites, its password history; edit; delete with
 * undo.
 */
import { useEffect, useState } from 'preact/hooks';
import { useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { OtpCode } from './OtpCode';
import { describeError } from '@/components/errors';
import { formatDateTime } from '@/components/time';
import { t, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { PasswordHistoryEntry, UrlMatch, VisibleItem } from '@/lib/vault/item';
import { navigate, onStateError, showToast } from '../model';
import { CardDetail, IdentityDetail } from './CardDetail';
import { FieldRow, TagList } from './FieldRow';

export const matchText: Record<UrlMatch, MessageKey> = {
  domain: 'matchDomain',
  host: 'matchHost',
  exact: 'matchExact',
};

/**
 * The passwords the login had before, newest first, each masked with Reveal and Copy (copying
 * clears the clipboard later, as for the password itself): a wrong update loses nothing.
 */
function PasswordHistory({ entries }: { entries: PasswordHistoryEntry[] }) {
  const lang = document.documentElement.lang || 'en';
  const count = String(entries.length);
  return (
    <details class="password-history">
      <summary>{t('passwordHistoryTitle', count)}</summary>
      <dl class="details">
        {entries.map((entry, index) => {
          const when = formatDateTime(entry.replacedAt, lang);
          return (
            <FieldRow
              key={`${entry.replacedAt}-${index}`}
              label={t('passwordReplacedOn', when)}
              value={entry.password}
              secret
            />
          );
        })}
      </dl>
    </details>
  );
}

export function ItemDetail({ id }: { id: string }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [item, setItem] = useState<VisibleItem>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    // The vault's hidden records never reach vault.get; the check only narrows the type.
    const shown = (found: Awaited<ReturnType<typeof send<'vault.get'>>>) =>
      found.type !== 'site-prefs' && setItem(found);
    send('vault.get', { id }).then(shown, (caught: unknown) => {
      setError(describeError(caught));
      onStateError(caught);
    });
  }, [id]);

  const remove = async () => {
    if (!item) return;
    try {
      await send('vault.delete', { id });
      navigate({ name: 'vault' });
      const title = item.title || t('untitled');
      showToast(
        {
          text: t('deleted', title),
          action: {
            label: t('undo'),
            run: () =>
              void send('vault.restore', { id }).then(
                () => {
                  showToast({ text: t('restored', title) });
                  navigate({ name: 'item', id });
                },
                (caught: unknown) => showToast({ text: describeError(caught) }),
              ),
          },
        },
        10_000,
      );
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section class="stack">
      <div class="row">
        <button type="button" class="small" onClick={() => navigate({ name: 'vault' })}>
          {t('backToVault')}
        </button>
      </div>
      <h1 tabIndex={-1} ref={heading}>
        {item ? item.title || t('untitled') : t('itemLoading')}
      </h1>
      <ErrorNotice>{error}</ErrorNotice>
      {item && (
        <>
          <dl class="details">
            {item.type === 'login' && item.username && (
              <FieldRow label={t('usernameLabel')} value={item.username} />
            )}
            {item.type === 'login' && item.password && (
              <FieldRow label={t('passwordLabel')} value={item.password} secret />
            )}
            {item.type === 'login' && item.otp && <OtpCode setup={item.otp} />}
          </dl>
          {item.type === 'login' && item.passwordHistory.length > 0 && (
            <PasswordHistory entries={item.passwordHistory} />
          )}
          {item.type === 'login' && item.urls.length > 0 && (
            <ul class="urls" aria-label={t('websitesLabel')}>
              {item.urls.map((entry) => (
                <li key={entry.url}>
                  {/^https?:\/\//i.test(entry.url) ? (
                    <a href={entry.url} target="_blank" rel="noopener noreferrer">
                      {entry.url}
                    </a>
                  ) : (
                    <span>{entry.url}</span>
                  )}{' '}
                  <span class="muted">({t(matchText[entry.match])})</span>
                </li>
              ))}
            </ul>
          )}
          {item.type === 'card' && <CardDetail item={item} />}
          {item.type === 'identity' && <IdentityDetail item={item} />}
          <TagList tags={item.tags} />
          {item.notes && (
            <>
              <h2>{t('notesLabel')}</h2>
              <p class="notes">{item.notes}</p>
            </>
          )}
          <div class="row">
            <button
              type="button"
              class="primary"
              onClick={() => navigate({ name: 'edit', id, itemType: item.type })}
            >
              {t('edit')}
            </button>
            <button type="button" class="danger" onClick={() => void remove()}>
              {t('delete')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
