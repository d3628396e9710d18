import { describe, expect, it } from 'vitest';
import { emptyCard, emptyIdentity, emptyLogin, type Item } from './item';
import { createSearchIndex } from './search';

const visa: Item = {
  ...emptyCard('visa', 1),
  title: 'Everyday card',
  cardholder: 'Ada Lovelace',
  number: '4111111111111234',
  code: '739',
  tags: ['finance'],
};
const amex: Item = {
  ...emptyCard('amex', 1),
  title: 'Travel card',
  cardholder: 'Grace Hopper',
  number: '378282246310005',
  code: '4321',
};
const me: Item = {
  ...emptyIdentity('me', 1),
  title: 'Home',
  firstName: 'Ada',
  lastName: 'Byron',
  company: 'Analytical Engines Ltd',
  email: 'ada@engines.example',
  phone: '+44 20 7946 0958',
  address1: '12 Marylebone Road',
  city: 'London',
  country: 'United Kingdom',
  tags: ['family'],
};
const tagged: Item = { ...emptyLogin('forum', 1), title: 'Forum', tags: ['Finance', 'old'] };

describe('search over cards, identities and tags', () => {
  const index = createSearchIndex([visa, amex, me, tagged]);

  it('finds a card by title, holder and last four digits', () => {
    expect(index.search('everyday')).toEqual(['visa']);
    expect(index.search('hopper')).toEqual(['amex']);
    expect(index.search('1234')).toEqual(['visa']);
    expect(index.search('0005')).toEqual(['amex']);
  });

  it('never finds a card by its full number, other digits of it, or its security code', () => {
    for (const query of ['4111111111111234', '411111', '1111', '3782', '739', '4321']) {
      expect(index.search(query), query).not.toContain('visa');
      expect(index.search(query), query).not.toContain('amex');
    }
  });

  it('finds an identity by name, company, email and city, not by phone or street', () => {
    for (const query of ['byron', 'ada byron', 'analytical', 'engines.example', 'london']) {
      expect(index.search(query), query).toContain('me');
    }
    expect(index.search('7946')).toEqual([]);
    expect(index.search('marylebone')).toEqual([]);
  });

  it('finds items of every type by their tags, in any case', () => {
    expect(index.search('finance').sort()).toEqual(['forum', 'visa']);
    expect(index.search('FAMILY')).toEqual(['me']);
    // A retag is seen at once.
    index.upsert({ ...tagged, tags: ['archive'] });
    expect(index.search('finance')).toEqual(['visa']);
    expect(index.search('archive')).toEqual(['forum']);
  });
});
