// @vitest-environment happy-dom
/** Which field gets the one-time code of the login just filled (detect-otp.ts). */
import { afterEach, describe, expect, test } from 'vitest';
import { findOtpInput } from './detect-otp';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

function found(html: string): string | null {
  doc.body.innerHTML = html;
  return findOtpInput(doc)?.id ?? null;
}

afterEach(() => {
  doc.body.innerHTML = '';
});

describe('the one-time code field', () => {
  test('is the field marked autocomplete="one-time-code", whatever its label', () => {
    expect(
      found(
        '<label for="q">Number</label><input id="q" autocomplete="one-time-code" inputmode="numeric">',
      ),
    ).toBe('q');
  });

  test.each([
    ['an English label', '<label for="c">Authentication code</label><input id="c">'],
    ['an Italian label', '<label for="c">Codice di verifica</label><input id="c">'],
    ['a name', '<input id="c" name="totp" maxlength="6">'],
    ['a 2FA placeholder', '<input id="c" placeholder="6-digit 2FA code">'],
  ])('is found by %s', (_what, html) => {
    expect(found(html)).toBe('c');
  });

  test('prefers the standard token over words', () => {
    expect(
      found('<input id="w" name="verification_code"><input id="s" autocomplete="one-time-code">'),
    ).toBe('s');
  });

  test.each([
    ['a card security code', '<label for="c">Card security code (CVV)</label><input id="c">'],
    ['a PIN', '<label for="c">PIN code</label><input id="c">'],
    ['a coupon', '<label for="c">Coupon code</label><input id="c">'],
    ['a username', '<label for="c">Username</label><input id="c">'],
    ['one box per digit', '<input id="c" autocomplete="one-time-code" maxlength="1">'],
    ['a read-only field', '<input id="c" autocomplete="one-time-code" readonly>'],
    ['a hidden field', '<input id="c" type="hidden" autocomplete="one-time-code">'],
    ['a field hidden by style', '<input id="c" autocomplete="one-time-code" style="display:none">'],
  ])('is never %s', (_what, html) => {
    expect(found(html)).toBeNull();
  });
});
