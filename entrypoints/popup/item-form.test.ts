import { describe, expect, it } from 'vitest';
import { blank, toSave } from './item-form';

describe('the item form', () => {
  it('starts a login with one empty website row, and a note without', () => {
    expect(blank('login').urls).toEqual([{ url: '', match: 'domain' }]);
    expect(blank('note')).toEqual({ type: 'note', title: '', notes: '' });
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

  it('keeps the fields of an item being edited, including ones it does not show', () => {
    const edited = { ...blank('note'), id: 'n1', title: 'Door', notes: '4711', extra: 1 };
    expect(toSave(edited)).toEqual(edited);
  });
});
