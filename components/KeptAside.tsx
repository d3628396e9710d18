/**
 * What a sign-out the server forced kept aside on this device (issue 11), as the views say it:
 * the note on Welcome, the offer above the vault, and the line the user's own sign-out adds to
 * its warning (that sign-out deletes them).
 */
import { t } from '@/lib/i18n';
import type { KeptAsideStatus, KeptOffer } from '@/lib/messaging/protocol';
import { formatDateTime } from './time';

const lang = () => document.documentElement.lang || 'en';

/** The sign-out warning, with how many kept items it deletes too. */
export function signOutWarning(kept: KeptAsideStatus | undefined): string {
  const warning = t('signOutWarning');
  if (!kept || kept.items === 0) return warning;
  const count = String(kept.items);
  const also = kept.offers
    ? t(kept.items === 1 ? 'signOutAlsoKeptResetOne' : 'signOutAlsoKeptReset', count)
    : t('signOutAlsoKept', count);
  return `${warning} ${also}`;
}

/** Signed out: what is kept, until when, and how it comes back. */
export function KeptNote({ kept }: { kept: KeptAsideStatus }) {
  const count = String(kept.items);
  const until = formatDateTime(kept.deleteAt, lang());
  const one = kept.items === 1;
  let text: string;
  if (kept.signInAs?.accountKeyKept === false) {
    text = one ? t('keptWaitingResetOne', until) : t('keptWaitingReset', [count, until]);
  } else {
    text = one ? t('keptWaitingAgainOne', until) : t('keptWaitingAgain', [count, until]);
  }
  return (
    <p class="notice" data-kept-aside={kept.items}>
      {text}
    </p>
  );
}

/** Above the vault: items from before the reset are waiting; one button opens the offer. */
export function KeptOfferBanner(props: { offer?: KeptOffer; onOpen: (key: string) => void }) {
  const { offer } = props;
  if (!offer) return null;
  return (
    <div class="notice warning kept-offer" data-kept-offer={offer.items}>
      <p>{keptOfferText(offer)}</p>
      <button type="button" class="primary" onClick={() => props.onOpen(offer.key)}>
        {t('keptOfferOpen')}
      </button>
    </div>
  );
}

/** The offer's first sentence: how many items from before the reset, and what brings them in. */
export function keptOfferText(offer: KeptOffer): string {
  const count = String(offer.items);
  return t(offer.items === 1 ? 'keptOfferOne' : 'keptOffer', count);
}
