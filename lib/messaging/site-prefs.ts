/**
 * The "never for this site" lists in the popup's Settings (protocol.ts holds the table). The
 * lists live in the vault (lib/vault/site-prefs.ts), so both messages need it unlocked.
 */
import { z } from 'zod';
import { ITEM_LIMITS, type SitePrefEntry } from '@/lib/vault/item';
import { empty, entry, pages } from './entry';

export interface SitePrefsList {
  /** Sites where no save or update prompt is offered, sorted by site. */
  neverSave: SitePrefEntry[];
  /** Sites where the inline menu never shows, sorted by site. */
  neverMenu: SitePrefEntry[];
}

export const sitePrefKindSchema = z.enum(['never-save', 'never-menu']);

/** The site-prefs entries of the protocol table (protocol.ts). */
export const sitePrefsProtocol = {
  'sitePrefs.list': entry<SitePrefsList>()(empty, pages),
  /** Takes one site off one list; the answer is both lists after it. */
  'sitePrefs.remove': entry<SitePrefsList>()(
    z.object({ kind: sitePrefKindSchema, site: z.string().min(1).max(ITEM_LIMITS.site) }).strict(),
    pages,
  ),
};
