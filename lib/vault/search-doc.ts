/**
 * What the search index keeps per item: folded words with the fields they came from, the title
 * for "title equals / starts with the query", the sites for the current-site boost, and the key
 * for title order. Computed once per save, so a keystroke never folds or parses item text.
 */
import { lastFour } from './card';
import { identityName } from './identity';
import { isHiddenItem, type Item } from './item';
import { foldText, hostOf, siteOf, words } from './search-text';

/**
 * Fields as bits, so a word that is in the title and the notes is one posting. Four bits are
 * all a posting has room for, so the newer fields share them by how much a match there says:
 * tags rank like a site (HOST); a card's holder and last four digits, an identity's name,
 * company and email like a username; an identity's city and country like notes.
 *
 * Never indexed: a card's full number and security code, passwords, phone and street. The index
 * is a second copy of what it holds, kept in long-lived word tables shared by all items, and a
 * prefix search over it would let anyone at an unlocked popup probe for a number digit by digit
 * by watching which card rises. The last four digits are what the list already shows.
 */
export const TITLE = 1;
export const HOST = 2;
export const USERNAME = 4;
export const NOTES = 8;

/** Weight of the best field in a mask: title 4, host 3, username 2, notes 1. */
export const FIELD_WEIGHT = Uint8Array.from({ length: 16 }, (_, mask) =>
  mask & TITLE ? 4 : mask & HOST ? 3 : mask & USERNAME ? 2 : mask ? 1 : 0,
);

export interface Doc {
  id: string;
  /** The title's words joined by single spaces, compared with the query's words. */
  title: string;
  /** Title order: the folded title, or the first host or the username for untitled items. */
  sortKey: string;
  favorite: boolean;
  /** Roughly registrable domains of the item's URLs (see `siteOf`). */
  sites: string[];
}

/** An item's document and its words, each with the mask of fields it appears in. */
export function toDoc(item: Item): { doc: Doc; words: Map<string, number> } {
  const title = foldText(item.title);
  const fields = new Map<string, number>();
  const add = (text: string, field: number) => {
    for (const word of words(text)) fields.set(word, (fields.get(word) ?? 0) | field);
  };
  add(title, TITLE);
  add(foldText(item.notes), NOTES);
  if (!isHiddenItem(item)) add(foldText(item.tags.join(' ')), HOST);
  const hosts: string[] = [];
  let username = '';
  if (item.type === 'login') {
    username = foldText(item.username);
    add(username, USERNAME);
    for (const { url } of item.urls) {
      const host = hostOf(url);
      if (host) hosts.push(host);
    }
    add(hosts.join(' '), HOST);
  } else if (item.type === 'card') {
    username = foldText(item.cardholder);
    add(`${username} ${lastFour(item.number)}`, USERNAME);
  } else if (item.type === 'identity') {
    username = foldText(identityName(item));
    add(foldText(`${username} ${item.company} ${item.email}`), USERNAME);
    add(foldText(`${item.city} ${item.country}`), NOTES);
  }
  const doc = {
    id: item.id,
    title: words(title).join(' '),
    sortKey: title.trim() || hosts[0] || username,
    favorite: item.favorite,
    sites: [...new Set(hosts.map(siteOf))],
  };
  return { doc, words: fields };
}

/** Title order, then id, so every item has one place and ranks are unique. */
export function compareDocs(a: Doc, b: Doc): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The letters of a word as a 32-bit set (code unit & 31; collisions only weaken the filter).
 * A word lacking k of a search term's letters is at least k edits away, so the typo pass skips it
 * without running the edit-distance programme.
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

export function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0xf0f0f0f) * 0x1010101) >>> 24;
}
