import { describe, expect, it } from 'vitest';
import { emptyCard, normalizeItem } from '@/lib/vault/item';
import { blank, toForm, toSave } from './item-form';
import { blocksSave, cardProblems, tagsProblem } from './kind-form';

describe('the card, identity and tags form', () => {
  it('saves a card as typed: number without spaces, MM/YY as YYYY-MM, tags as a list', () => {
    const saved = toSave({
      ...blank('card'),
      title: 'Visa',
      number: '4111 1111 1111 1111',
      expiryText: '07/29',
      code: ' 123 ',
      tagsText: 'travel, work,, Travel ',
    });
    expect(saved).toMatchObject({
      type: 'card',
      number: '4111111111111111',
      expiry: '2029-07',
      code: '123',
      tags: ['travel', 'work'],
    });
    expect(saved).not.toHaveProperty('expiryText');
    expect(saved).not.toHaveProperty('tagsText');
    // What the form sends is a valid item.
    expect(() => normalizeItem({ ...saved, id: 'c', createdAt: 1, updatedAt: 1 })).not.toThrow();
  });

  it('shows a stored card the way it is typed, and saves it back unchanged', () => {
    const card = {
      ...emptyCard('c', 1),
      number: '5555555555554444',
      expiry: '2031-12',
      tags: ['a'],
    };
    const form = toForm(card);
    expect(form).toMatchObject({ expiryText: '12/31', tagsText: 'a' });
    expect(toSave(form)).toEqual(card);
  });

  it('refuses letters, a bad month or a five-digit code, but only warns on a failed check digit', () => {
    const card = (patch: object) => ({ ...blank('card'), ...patch });
    expect(cardProblems(card({ number: '4111 1111 1111 1112' }))).toEqual({
      numberWarning: 'check',
    });
    expect(blocksSave(card({ number: '4111 1111 1111 1112' }))).toBe(false);
    expect(cardProblems(card({ number: '4111-abcd' })).number).toBe('not-digits');
    expect(cardProblems(card({ expiryText: '13/29' })).expiry).toBe('invalid');
    expect(cardProblems(card({ expiryText: 'soon' })).expiry).toBe('invalid');
    expect(cardProblems(card({ code: '12345' })).code).toBe('invalid');
    expect(cardProblems(card({ code: '12' })).code).toBe('invalid');
    expect(blocksSave(card({ code: '12' }))).toBe(true);
    expect(
      cardProblems(card({ number: '4111111111111111', expiryText: '1/30', code: '1234' })),
    ).toEqual({});
  });

  it('refuses more tags, or longer ones, than an item may carry, on every item type', () => {
    const many = Array.from({ length: 33 }, (_, i) => `t${i}`).join(',');
    expect(tagsProblem({ tagsText: many })).toBe('too-many');
    expect(tagsProblem({ tagsText: 'x'.repeat(65) })).toBe('too-long');
    expect(blocksSave({ ...blank('note'), tagsText: many })).toBe(true);
    expect(tagsProblem({ tagsText: 'home, bank' })).toBeUndefined();
  });

  it('starts an identity with every field empty', () => {
    const form = blank('identity');
    expect(form).toMatchObject({ type: 'identity', firstName: '', city: '', country: '' });
    const saved = toSave({ ...form, firstName: 'Ada', city: 'London' });
    expect(normalizeItem({ ...saved, id: 'i', createdAt: 1, updatedAt: 1 })).toMatchObject({
      type: 'identity',
      firstName: 'Ada',
      city: 'London',
      tags: [],
    });
  });
});
