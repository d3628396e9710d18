import { describe, expect, it } from 'vitest';
import { emptyLogin, emptyNote, type Item, type LoginItem } from './item';
import { keepBoth, makeConflictCopy, mergeItems } from './merge';

const base: LoginItem = {
  ...emptyLogin('item-1', 1_000),
  title: 'GitHub',
  username: 'ada@example.com',
  password: 'old-password',
  urls: [{ url: 'https://github.com', match: 'domain' }],
  notes: 'recovery codes in the safe',
};

const edit = (item: LoginItem, changes: Partial<LoginItem>, at = 2_000): LoginItem => ({
  ...item,
  ...changes,
  updatedAt: at,
});

describe('mergeItems', () => {
  it('keeps both devices’ edits when they changed different fields', () => {
    const local = edit(base, { password: 'new-password' }, 2_000);
    const remote = edit(base, { title: 'GitHub (work)' }, 3_000);
    const result = mergeItems(base, local, remote);
    expect(result).toEqual({
      conflict: false,
      merged: { ...base, password: 'new-password', title: 'GitHub (work)', updatedAt: 3_000 },
    });
  });

  it('accepts the same change made on both devices', () => {
    const local = edit(base, { password: 'same' }, 2_000);
    const remote = edit(base, { password: 'same' }, 2_500);
    const result = mergeItems(base, local, remote);
    expect(result.conflict).toBe(false);
    expect(!result.conflict && result.merged?.password).toBe('same');
  });

  it('reports a conflict, keeping each side’s value, when both changed the same field', () => {
    const local = edit(base, { password: 'from-laptop', notes: 'laptop note' });
    const remote = edit(base, { password: 'from-phone', title: 'GitHub!' });
    const result = mergeItems(base, local, remote);
    if (!result.conflict) throw new Error('expected a conflict');
    expect(result.fields).toEqual(['password']);
    expect(result.local).toMatchObject({ password: 'from-laptop', notes: 'laptop note' });
    expect(result.remote).toMatchObject({ password: 'from-phone', notes: 'laptop note' });
    // The clean part of the merge is in both versions.
    expect(result.local.title).toBe('GitHub!');
    expect(result.remote.title).toBe('GitHub!');
  });

  it('merges URLs added on different devices', () => {
    const local = edit(base, {
      urls: [...base.urls, { url: 'https://gist.github.com', match: 'host' }],
    });
    const remote = edit(base, {
      urls: [...base.urls, { url: 'https://github.io', match: 'domain' }],
    });
    const result = mergeItems(base, local, remote);
    expect(!result.conflict && result.merged?.type === 'login' && result.merged.urls).toEqual([
      { url: 'https://github.com', match: 'domain' },
      { url: 'https://gist.github.com', match: 'host' },
      { url: 'https://github.io', match: 'domain' },
    ]);
  });

  it('honours a URL removed on one device while the other adds one', () => {
    const local = edit(base, { urls: [] });
    const remote = edit(base, {
      urls: [...base.urls, { url: 'https://github.io', match: 'domain' }],
    });
    const result = mergeItems(base, local, remote);
    expect(!result.conflict && result.merged?.type === 'login' && result.merged.urls).toEqual([
      { url: 'https://github.io', match: 'domain' },
    ]);
  });

  it('does not silently widen autofill: URL removed on one side, re-moded on the other', () => {
    const local = edit(base, { urls: [{ url: 'https://github.io', match: 'domain' }] });
    const remote = edit(base, { urls: [{ url: 'https://github.com', match: 'exact' }] });
    const result = mergeItems(base, local, remote);
    expect(result.conflict && result.fields).toEqual(['urls']);
  });

  it('takes a reordering of URLs made on one side only', () => {
    const two = edit(base, { urls: [...base.urls, { url: 'https://b.example', match: 'host' }] });
    const local = edit(two, { urls: [...two.urls].reverse() });
    const remote = edit(two, { notes: 'changed' });
    const result = mergeItems(two, local, remote);
    expect(!result.conflict && result.merged).toMatchObject({ urls: local.urls, notes: 'changed' });
  });

  it('lets an edit win over a delete, whichever side deleted', () => {
    const edited = edit(base, { password: 'rotated' });
    expect(mergeItems(base, null, edited)).toEqual({ conflict: false, merged: edited });
    expect(mergeItems(base, edited, null)).toEqual({ conflict: false, merged: edited });
  });

  it('deletes when the other side did not touch the item', () => {
    expect(mergeItems(base, null, base)).toEqual({ conflict: false, merged: null });
    expect(mergeItems(base, base, null)).toEqual({ conflict: false, merged: null });
    expect(mergeItems(base, null, null)).toEqual({ conflict: false, merged: null });
    expect(mergeItems(undefined, null, null)).toEqual({ conflict: false, merged: null });
  });

  it('without a known base, keeps an undeleted copy and merges only equal versions', () => {
    expect(mergeItems(undefined, null, base)).toEqual({ conflict: false, merged: base });
    expect(mergeItems(undefined, base, base)).toEqual({ conflict: false, merged: base });
    const other = edit(base, { title: 'Other' });
    const result = mergeItems(undefined, base, other);
    expect(result.conflict && result.fields).toEqual(['title']);
  });

  it('treats a login turned into a note and a password edit as a conflict', () => {
    const note: Item = { ...emptyNote(base.id, 1_000), title: base.title, notes: base.notes };
    const remote = edit(base, { password: 'rotated' });
    const result = mergeItems(base, note, remote);
    if (!result.conflict) throw new Error('expected a conflict');
    expect(result.fields).toEqual(expect.arrayContaining(['type', 'password']));
    expect(result.remote).toMatchObject({ type: 'login', password: 'rotated' });
    expect(result.local.type).toBe('note');
  });

  it('keeps fields written by a newer client', () => {
    const future = { ...base, passkeys: [{ rpId: 'github.com' }] } as LoginItem;
    const local = edit(future, { password: 'x' });
    const remote = edit(future, { title: 'y' });
    const result = mergeItems(future, local, remote);
    expect(!result.conflict && result.merged).toMatchObject({ passkeys: [{ rpId: 'github.com' }] });
  });

  it('becomes a conflict when the merged item would be too large to store', () => {
    const big = 'x'.repeat(30_000);
    const local = edit(base, { notes: big });
    const remote = edit(base, {
      urls: Array.from({ length: 10 }, (_, i) => ({
        url: `https://${i}.example/${big.slice(0, 2000)}`,
        match: 'exact' as const,
      })),
    });
    const result = mergeItems(base, local, remote);
    expect(result.conflict).toBe(true);
    expect(result.conflict && [result.local.notes, result.remote]).toEqual([big, remote]);
  });
});

describe('keeping both versions of a conflict', () => {
  it('marks the copy with the original id and a new id', () => {
    const copy = makeConflictCopy(base, 'item-2', 9_000);
    expect(copy).toEqual({
      ...base,
      id: 'item-2',
      conflictOf: 'item-1',
      createdAt: 9_000,
      updatedAt: 9_000,
      revision: 1,
    });
  });

  it('keeps the server version in place and this device’s version as a copy', () => {
    const local = edit(base, { password: 'laptop' });
    const remote = edit(base, { password: 'phone' });
    const result = mergeItems(base, local, remote);
    if (!result.conflict) throw new Error('expected a conflict');
    const { keep, copy } = keepBoth(result, 'item-2', 9_000);
    expect(keep).toMatchObject({ id: 'item-1', password: 'phone' });
    expect(copy).toMatchObject({ id: 'item-2', conflictOf: 'item-1', password: 'laptop' });
  });
});
