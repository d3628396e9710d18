/**
 * The optional host access (`<all_urls>`): asked for once from the popup with what it adds, and
 * shown or revoked in Settings. Filling never needs it (activeTab); with it, the always-on content
 * script marks login forms and the toolbar badge counts the matching logins. The request must be
 * made inside the click itself (both browsers require a user gesture), so no await comes first.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';

const ALL_SITES = { origins: ['<all_urls>'] };
/** "Not now" in the popup: the offer stays in Settings. */
const DISMISSED_KEY = 'siteAccessOfferDismissed';

export function useSiteAccess() {
  const [granted, setGranted] = useState<boolean>();
  const [refused, setRefused] = useState(false);
  const check = () =>
    browser.permissions.contains(ALL_SITES).then(setGranted, () => setGranted(false));
  useEffect(() => void check(), []);
  return {
    granted,
    refused,
    request: () => {
      browser.permissions.request(ALL_SITES).then(
        (yes) => {
          setRefused(!yes);
          void check();
        },
        () => setRefused(true),
      );
    },
    revoke: () => {
      browser.permissions.remove(ALL_SITES).then(check, check);
    },
  };
}

/** The popup's one-time offer, above the list. */
export function SiteAccessOffer() {
  const access = useSiteAccess();
  const [dismissed, setDismissed] = useState<boolean>();
  useEffect(() => {
    browser.storage.local
      .get(DISMISSED_KEY)
      .then((stored) => setDismissed(stored[DISMISSED_KEY] === true))
      .catch(() => setDismissed(true));
  }, []);
  if (access.granted !== false || dismissed !== false) return null;
  const dismiss = () => {
    setDismissed(true);
    void browser.storage.local.set({ [DISMISSED_KEY]: true });
  };
  return (
    <section class="notice site-access" aria-labelledby="site-access-offer">
      <h2 id="site-access-offer" class="visually-hidden">
        {t('siteAccessTitle')}
      </h2>
      <p>{t('siteAccessOffer')}</p>
      {access.refused && <p role="status">{t('siteAccessRefused')}</p>}
      <div class="row">
        <button type="button" class="small" onClick={access.request}>
          {t('siteAccessAllow')}
        </button>
        <button type="button" class="small" onClick={dismiss}>
          {t('siteAccessNotNow')}
        </button>
      </div>
    </section>
  );
}

/** Settings → Site access: what is granted, and the way to take it back. */
export function SiteAccessSettings() {
  const access = useSiteAccess();
  if (access.granted === undefined) return null;
  return (
    <section aria-labelledby="site-access-heading" class="stack">
      <h2 id="site-access-heading">{t('siteAccessTitle')}</h2>
      <p data-site-access={access.granted ? 'all' : 'none'}>
        {access.granted ? t('siteAccessGranted') : t('siteAccessNone')}
      </p>
      {access.refused && <p role="status">{t('siteAccessRefused')}</p>}
      {access.granted ? (
        <button type="button" onClick={access.revoke}>
          {t('siteAccessRevoke')}
        </button>
      ) : (
        <button type="button" onClick={access.request}>
          {t('siteAccessAllow')}
        </button>
      )}
    </section>
  );
}
