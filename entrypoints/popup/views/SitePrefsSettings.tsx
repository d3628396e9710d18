/**
 * Settings → "Never on these sites": the sites where the user chose never to be offered a save
 * and never to see the inline menu, each with a button that takes it off its list. The lists
 * live in the vault and sync (lib/vault/site-prefs.ts), so a removal here counts on every device.
 */
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { t, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { SitePrefsList } from '@/lib/messaging/site-prefs';
import type { SitePrefKind } from '@/lib/vault/site-prefs';
import { onStateError } from '../model';

const listTitle: Record<SitePrefKind, MessageKey> = {
  'never-save': 'neverSaveTitle',
  'never-menu': 'neverMenuTitle',
};
const lists: ReadonlyArray<{ kind: SitePrefKind; field: keyof SitePrefsList }> = [
  { kind: 'never-save', field: 'neverSave' },
  { kind: 'never-menu', field: 'neverMenu' },
];

export function SitePrefsSettings() {
  const [prefs, setPrefs] = useState<SitePrefsList>();
  useEffect(() => {
    // Locked or signed out: the lists are in the vault, so the section stays away.
    send('sitePrefs.list', {}).then(setPrefs, () => undefined);
  }, []);
  const remove = useAction(async (kind: SitePrefKind, site: string) => {
    setPrefs(await send('sitePrefs.remove', { kind, site }));
  }, onStateError);
  if (!prefs) return null;
  return (
    <section aria-labelledby="site-prefs-heading" class="stack">
      <h2 id="site-prefs-heading">{t('sitePrefsTitle')}</h2>
      <p class="muted">{t('sitePrefsHelp')}</p>
      {lists.map(({ kind, field }) => {
        const heading = `site-prefs-${kind}`;
        const listName = t(listTitle[kind]);
        return (
          <section key={kind} aria-labelledby={heading} class="stack" data-site-prefs={kind}>
            <h3 id={heading}>{listName}</h3>
            {prefs[field].length === 0 ? (
              <p class="muted">{t('sitePrefsNone')}</p>
            ) : (
              <ul class="site-prefs" aria-labelledby={heading}>
                {prefs[field].map(({ site }) => (
                  <li key={site} class="row">
                    <span class="mono">{site}</span>
                    <button
                      type="button"
                      class="small"
                      aria-label={t('sitePrefsRemoveFrom', [site, listName])}
                      disabled={remove.busy}
                      onClick={() => void remove.run(kind, site)}
                    >
                      {t('sitePrefsRemove')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <ErrorNotice>{remove.error}</ErrorNotice>
    </section>
  );
}
