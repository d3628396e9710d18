/** The item editor's form state and what it sends to `vault.save`: pure, unit-tested. */
import type { Item, ItemType, ItemUrl } from '@/lib/vault/item';
import { hostOf } from '@/lib/vault/search-text';

/** The form's state: the item's editable fields (and, when editing, the rest of the item). */
export type ItemForm = Partial<Item> & {
  type: ItemType;
  title: string;
  notes: string;
  username?: string;
  password?: string;
  urls?: ItemUrl[];
};

export function blank(type: ItemType): ItemForm {
  return type === 'login'
    ? {
        type,
        title: '',
        username: '',
        password: '',
        urls: [{ url: '', match: 'domain' }],
        notes: '',
      }
    : { type, title: '', notes: '' };
}

/** What goes to `vault.save`: empty URL rows dropped, a title taken from the site if none. */
export function toSave(form: ItemForm): Record<string, unknown> {
  const urls = (form.urls ?? []).filter((u) => u.url.trim() !== '');
  let title = form.title.trim();
  if (!title && urls[0]) {
    title = hostOf(urls[0].url) ?? urls[0].url;
  }
  return form.type === 'login' ? { ...form, title, urls } : { ...form, title };
}
