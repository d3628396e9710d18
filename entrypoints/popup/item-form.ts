/** The item editor's form state and what it sends to `vault.save`: pure, unit-tested. */
import type { Item, ItemType, ItemUrl } from '@/lib/vault/item';
import { hostOf } from '@/lib/vault/search-text';
import { blankCard, blankIdentity, type KindForm, storedFields, typedFields } from './kind-form';

/** The form's state: the item's editable fields (and, when editing, the rest of the item). */
export type ItemForm = Partial<Item> &
  KindForm & {
    type: ItemType;
    title: string;
    notes: string;
    username?: string;
    password?: string;
    urls?: ItemUrl[];
    /** The item as the editor opened it: saved with the form, so a change made meanwhile stays. */
    opened?: Item;
  };

export function blank(type: ItemType): ItemForm {
  const base = { type, title: '', notes: '', tagsText: '' };
  if (type === 'card') return { ...base, ...blankCard() };
  if (type === 'identity') return { ...base, ...blankIdentity() };
  return type === 'login'
    ? { ...base, username: '', password: '', urls: [{ url: '', match: 'domain' }] }
    : base;
}

/** A stored item as the editor shows it (the expiry as MM/YY, tags as one line). */
export function toForm(item: Item): ItemForm {
  const typed = typedFields(item as { expiry?: unknown; tags?: unknown });
  return { ...(item as ItemForm), ...typed, opened: item };
}

/**
 * A website as typed, with https:// in front when it has no scheme (`bank.test` is
 * `https://bank.test`, as the address bar and other password managers read it); undefined when
 * it is no web address even so (`my bank`).
 */
export function siteUrl(typed: string): string | undefined {
  const text = typed.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const parsed = new URL(url);
    return parsed.hostname || !/^https?:$/.test(parsed.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The website rows that are filled in but are no web address, by index. */
export function badUrlRows(form: ItemForm): number[] {
  return (form.urls ?? []).flatMap((u, index) =>
    u.url.trim() !== '' && siteUrl(u.url) === undefined ? [index] : [],
  );
}

/**
 * What goes to `vault.save`: empty URL rows dropped, a scheme put in front of a bare site, a
 * title taken from the site if none.
 */
export function toSave(form: ItemForm): Record<string, unknown> {
  const urls = (form.urls ?? [])
    .filter((u) => u.url.trim() !== '')
    .map((u) => ({ ...u, url: siteUrl(u.url) ?? u.url.trim() }));
  let title = form.title.trim();
  if (!title && urls[0]) {
    title = hostOf(urls[0].url) ?? urls[0].url;
  }
  const { tagsText: _tags, expiryText: _expiry, opened: _opened, ...fields } = form;
  const saved = { ...fields, ...storedFields(form), title };
  return form.type === 'login' ? { ...saved, urls } : saved;
}
