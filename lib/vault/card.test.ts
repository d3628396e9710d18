import { describe, expect, it } from 'vitest';
import {
  cardBrand,
  cardNumberProblem,
  expiryFrom,
  formatExpiry,
  groupCardNumber,
  lastFour,
  luhnValid,
  parseExpiry,
} from './card';

describe('card numbers', () => {
  it('passes the Luhn check for real test numbers and fails one digit off', () => {
    for (const number of [
      '4111111111111111',
      '5555555555554444',
      '378282246310005',
      '6011111111111117',
      '3530111333300000',
      '30569309025904',
      '2223003122003222',
    ]) {
      expect(luhnValid(number), number).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false); // digits only: the caller strips
    expect(luhnValid('')).toBe(false);
  });

  it('warns on a typo or a short number, refuses what is no number, accepts spaces', () => {
    expect(cardNumberProblem('4111 1111 1111 1111')).toBeUndefined();
    expect(cardNumberProblem('4111-1111-1111-1111')).toBeUndefined();
    expect(cardNumberProblem('')).toBeUndefined();
    expect(cardNumberProblem('4111 1111 1111 1112')).toBe('check');
    expect(cardNumberProblem('4111 1111')).toBe('check');
    expect(cardNumberProblem('4111 111O 1111 1111')).toBe('not-digits');
    expect(cardNumberProblem('4'.repeat(20))).toBe('not-digits');
  });

  it('names the brand from the first digits', () => {
    expect(cardBrand('4111 1111 1111 1111')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('2200123412341234')).toBe('mir');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('341111111111111')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('6221261111111111')).toBe('unionpay');
    expect(cardBrand('3530111333300000')).toBe('jcb');
    expect(cardBrand('30569309025904')).toBe('diners');
    expect(cardBrand('6759649826438453')).toBe('maestro');
    expect(cardBrand('9999999999999995')).toBeUndefined();
    expect(cardBrand('41')).toBeUndefined(); // too few digits to tell
  });

  it('shows only the last four digits, and groups the number for reading', () => {
    expect(lastFour('4111 1111 1111 1234')).toBe('1234');
    expect(lastFour('123')).toBe('');
    expect(groupCardNumber('4111111111111111')).toBe('4111 1111 1111 1111');
    expect(groupCardNumber('378282246310005')).toBe('3782 822463 10005');
  });
});

describe('card expiry', () => {
  it('reads MM/YY as typed and the other ways people write it', () => {
    expect(parseExpiry('07/29')).toBe('2029-07');
    expect(parseExpiry(' 7/29 ')).toBe('2029-07');
    expect(parseExpiry('0729')).toBe('2029-07');
    expect(parseExpiry('12-2031')).toBe('2031-12');
    expect(parseExpiry('')).toBe('');
  });

  it('refuses what is no month and year', () => {
    for (const typed of ['13/29', '00/29', '7/2', 'July 29', '07/293', '07//29']) {
      expect(parseExpiry(typed), typed).toBeUndefined();
    }
  });

  it('shows a stored expiry as MM/YY, and builds one from a separate month and year', () => {
    expect(formatExpiry('2029-07')).toBe('07/29');
    expect(formatExpiry('')).toBe('');
    expect(expiryFrom('3', '2030')).toBe('2030-03');
    expect(expiryFrom(11, 27)).toBe('2027-11');
    expect(expiryFrom('', '2030')).toBe('');
    expect(expiryFrom('13', '2030')).toBe('');
  });
});
