/**
 * Which logins of the open vault belong to a page (the popup's "This site", the badge, the fill
 * shortcut) and which are suggestions from a related site. The search index narrows by its site
 * key; the fill policy's own rule (lib/autofill/origin: public suffixes, the item's match mode)
 * decides, so the list never marks a login the policy would refuse.
 */
import { isEquivalentSite, matchesItemOrigin, siteOf } from '@/lib/autofill/origin';
import type { Item } from '@/lib/vault/item';
import type { SearchIndex } from '@/lib/vault/search';

export function siteLogins(
  index: Pick<SearchIndex, 'onSite'>,
  items: ReadonlyMap<string, Item>,
  url: string,
): string[] {
  return index.onSite(url).filter((id) => {
    const item = items.get(id);
    return (
      item?.type === 'login' && item.urls.some((saved) => matchesItemOrigin(saved, url) !== 'none')
    );
  });
}

/** Logins of other sites of the page's groups (google.com on youtube.com): never filled unasked. */
export function relatedSiteLogins(
  index: Pick<SearchIndex, 'onSite'>,
  items: ReadonlyMap<string, Item>,
  url: string,
  groups: readonly (readonly string[])[],
): string[] {
  const page = siteOf(url);
  if (!page) return [];
  const domains = new Set(groups.filter((group) => group.includes(page.domain)).flat());
  domains.delete(page.domain);
  const found = new Set<string>();
  for (const domain of domains) {
    for (const id of index.onSite(`https://${domain}/`)) {
      const item = items.get(id);
      if (item?.type !== 'login') continue;
      if (item.urls.some((saved) => isEquivalentSite(saved, url, groups))) found.add(id);
    }
  }
  return [...found];
}

/** The list with the related-site suggestions right after this site's own logins. */
export function suggestionsAfterSite(
  ids: string[],
  onSite: ReadonlySet<string>,
  suggested: ReadonlySet<string>,
): string[] {
  if (suggested.size === 0) return ids;
  const first = ids.filter((id) => onSite.has(id));
  const rest = ids.filter((id) => !onSite.has(id) && !suggested.has(id));
  return [...first, ...ids.filter((id) => suggested.has(id)), ...rest];
}
