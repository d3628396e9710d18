/**
 * One row of the vault list: open, fill (this site's logins, and those of a related site, which
 * ask first), copy username and password.
 */
import { KeyIcon, UserIcon } from '@/components/icons';
import { t } from '@/lib/i18n';
import type { ItemSummary } from '@/lib/messaging/protocol';
import { CARD_BRAND_NAMES } from '@/lib/vault/card';
import type { CopyField } from '../vault-client';

/**
 * The row's letter: the title's first letter or digit, as the user named the item ("A" for "Acme
 * Mail", not the "M" of mail.acme.test, issue 13); the site's when there is no title.
 */
export function badgeLetter(item: Pick<ItemSummary, 'title' | 'host'>): string {
  for (const text of [item.title, item.host ?? '']) {
    const letter = /[\p{L}\p{N}]/u.exec(text)?.[0];
    if (letter) return letter.toLocaleUpperCase();
  }
  return '•';
}

/** A card's brand and last four digits (never more of the number), an identity's name. */
export function kindLine(item: Pick<ItemSummary, 'type' | 'brand' | 'last4' | 'subtitle'>): string {
  if (item.type === 'identity') return item.subtitle ?? t('identityKind');
  const brand = item.brand ? CARD_BRAND_NAMES[item.brand] : t('cardKind');
  return item.last4 ? t('cardEnding', [brand, item.last4]) : brand;
}

export function VaultRow(props: {
  item: ItemSummary;
  /** The row the keyboard is on: its controls are in the tab order, the others' are not. */
  active: boolean;
  onFocus: () => void;
  onOpen: () => void;
  onFill: () => void;
  onCopy: (field: CopyField) => void;
}) {
  const { item, active } = props;
  const tabIndex = active ? 0 : -1;
  const name = item.title || t('untitled');
  return (
    <div class={active ? 'vitem active' : 'vitem'}>
      <button
        type="button"
        class="row-open"
        tabIndex={tabIndex}
        onFocus={props.onFocus}
        onClick={props.onOpen}
      >
        <span class="badge" aria-hidden="true">
          {badgeLetter(item)}
        </span>
        <span class="vtext">
          <span class="vtitle">{name}</span>
          <span class="vsub">
            {item.onSite && <span class="onsite">{t('onThisSite')}</span>}
            {item.suggested && <span class="onsite suggested">{t('suggestedForSite')}</span>}
            {item.type === 'note'
              ? t('secureNote')
              : item.type === 'newer'
                ? t('madeByNewerVersion')
                : item.type === 'card' || item.type === 'identity'
                  ? kindLine(item)
                  : item.username || item.host}
          </span>
        </span>
      </button>
      {item.type === 'login' && (item.onSite || item.suggested) && (
        <button
          type="button"
          class="small primary fill"
          tabIndex={tabIndex}
          aria-label={t('fillItemLabel', name)}
          onClick={props.onFill}
        >
          {t('fillButton')}
        </button>
      )}
      {item.type === 'login' && (
        <>
          <button
            type="button"
            class="icon-button"
            tabIndex={tabIndex}
            aria-label={t('copyUsernameOf', item.title)}
            title={t('copyUsername')}
            onClick={() => props.onCopy('username')}
          >
            <UserIcon />
          </button>
          <button
            type="button"
            class="icon-button"
            tabIndex={tabIndex}
            aria-label={t('copyPasswordOf', item.title)}
            title={t('copyPassword')}
            onClick={() => props.onCopy('password')}
          >
            <KeyIcon />
          </button>
        </>
      )}
    </div>
  );
}
