/** The popup's view of the "never for this site" lists: everything here needs the vault unlocked. */
import type { Handlers } from '../router';
import type { SitePrefsService } from '../services/site-prefs';
import type { VaultContext } from '../services/vault';

export function createSitePrefsHandlers(deps: {
  sitePrefs: SitePrefsService;
  unlocked: () => Promise<VaultContext>;
}) {
  const { sitePrefs, unlocked } = deps;
  return {
    'sitePrefs.list': async () => {
      await unlocked();
      return sitePrefs.list();
    },
    'sitePrefs.remove': async ({ kind, site }) => {
      await sitePrefs.remove(kind, site);
      return sitePrefs.list();
    },
  } satisfies Partial<Handlers>;
}
