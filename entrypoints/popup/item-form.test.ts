import { describe, expect, it } from 'vitest';
import type { Item } from '@/lib/vault/item';
import { badUrlRows, blank, siteUrl, toForm, toSave } from './item-form';

describe('the item form', () => {
  it('starts a login with one empty website row, and a note without', () => {
    expect(blank('login').urls).toEqual([{ url: '', match: 'domain' }]);
    expect(blank('note')).toEqual({ type: 'note', title: '', notes: '', tagsText: '' });
  });

  it('drops empty website rows and names an untitled login after its site', () => {
    const saved = toSave({
      ...blank('login'),
      urls: [
        { url: '  ', match: 'domain' },
        { url: 'https://accounts.example.it/login', match: 'host' },
      ],
    });
    expect(saved.urls).toEqual([{ url: 'https://accounts.example.it/login', match: 'host' }]);
    expect(saved.title).toBe('accounts.example.it');
  });

  it('reads a site typed without a scheme, and keeps a title the user gave', () => {
    expect(toSave({ ...blank('login'), urls: [{ url: 'bank.test', match: 'domain' }] }).title).toBe(
      'bank.test',
    );
    expect(
      toSave({ ...blank('login'), title: ' Banca ', urls: [{ url: 'bank.test', match: 'domain' }] })
        .title,
    ).toBe('Banca');
  });

  it('saves a site typed without a scheme as https, as the address bar reads it (issue 13)', () => {
    const saved = toSave({ ...blank('login'), urls: [{ url: ' bank.test ', match: 'domain' }] });
    expect(saved.urls).toEqual([{ url: 'https://bank.test', match: 'domain' }]);
    expect(siteUrl('bank.test/login?next=1')).toBe('https://bank.test/login?next=1');
    expect(siteUrl('localhost:8080')).toBe('https://localhost:8080');
    expect(siteUrl('http://intranet')).toBe('http://intranet');
    expect(siteUrl('androidapp://com.example.bank')).toBe('androidapp://com.example.bank');
  });

  it('marks only filled-in rows that are no web address even with https:// in front', () => {
    const form = {
      ...blank('login'),
      urls: [
        { url: 'bank.test', match: 'domain' as const },
        { url: 'my bank', match: 'domain' as const },
        { url: '', match: 'domain' as const },
        { url: 'https://', match: 'domain' as const },
      ],
    };
    expect(siteUrl('my bank')).toBeUndefined();
    expect(badUrlRows(form)).toEqual([1, 3]);
  });

  it('keeps the fields of an item being edited, including ones it does not show', () => {
    const edited = { type: 'note' as const, id: 'n1', title: 'Door', notes: '4711', extra: 1 };
    expect(toSave({ ...edited, tagsText: '' })).toEqual({ ...edited, tags: [] });
  });

  it('remembers the item as it opened, sent beside the form but never saved into the item', () => {
    const item = { type: 'note', id: 'n1', title: 'Door', notes: '4711', revision: 3 } as Item;
    const form = toForm(item);
    expect(form.opened).toEqual(item);
    expect(toSave({ ...form, notes: '4712' })).not.toHaveProperty('opened');
    expect(toSave({ ...form, notes: '4712' })).toMatchObject({ notes: '4712', revision: 3 });
  });
});
