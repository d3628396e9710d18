import { describe, expect, it } from 'vitest';
import { emptyCard, normalizeItem } from './item';
import { addressFieldsFrom, cardFieldsFrom } from './kind-fields';

describe('card and identity fields from another manager’s export', () => {
  it('stores what fits: digits, the expiry from month and year, the code', () => {
    const { fields, extras } = cardFieldsFrom({
      holder: ' Ada Lovelace ',
      number: '4111-1111-1111-1111',
      expMonth: 7,
      expYear: 2029,
      code: '739',
    });
    expect(fields).toEqual({
      cardholder: 'Ada Lovelace',
      number: '4111111111111111',
      expiry: '2029-07',
      code: '739',
    });
    expect(extras).toEqual([]);
    expect(() => normalizeItem({ ...emptyCard('c', 1), ...fields })).not.toThrow();
  });

  it('keeps what does not fit as extras for the notes, never dropping it', () => {
    const { fields, extras } = cardFieldsFrom({
      holder: 'Ada',
      number: 'see paper copy',
      expMonth: 13,
      expYear: 2029,
      code: '12345',
    });
    expect(fields).toMatchObject({ number: '', expiry: '', code: '' });
    expect(extras).toEqual([
      ['Card number', 'see paper copy'],
      ['Expiry', '13/2029'],
      ['Security code', '12345'],
    ]);
    expect(() => normalizeItem({ ...emptyCard('c', 1), ...fields })).not.toThrow();
  });

  it('puts the first street line first and the others after it', () => {
    expect(addressFieldsFrom(['Via Roma 1', ' scala B ', '', 'interno 4'])).toEqual({
      address1: 'Via Roma 1',
      address2: 'scala B, interno 4',
    });
    expect(addressFieldsFrom([])).toEqual({ address1: '', address2: '' });
  });
});
