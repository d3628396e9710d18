// @vitest-environment happy-dom
/** Which field gets the one-time code of the login just filled (detect-otp.ts). */
import { afterEach, describe, expect, test } from 'vitest';
import { findOtpFields, otpFieldsAt } from './detect-otp';
import { fillOtp } from './fill-dom';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

function found(html: string): string | null {
  doc.body.innerHTML = html;
  return (
    findOtpFields(doc)
      .map((el) => el.id)
      .join(' ') || null
  );
}

/** A row of `n` single-digit boxes with ids d1…dn, each in a div of its own, as sites nest them. */
function boxes(n: number, attrs = 'inputmode="numeric"'): string {
  const one = (i: number) => `<div class="cell"><input id="d${i}" maxlength="1" ${attrs}></div>`;
  return Array.from({ length: n }, (_, i) => one(i + 1)).join('');
}
const ids = (n: number) => Array.from({ length: n }, (_, i) => `d${i + 1}`).join(' ');

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
    ['a single one-digit box', '<input id="c" autocomplete="one-time-code" maxlength="1">'],
    ['a read-only field', '<input id="c" autocomplete="one-time-code" readonly>'],
    ['a hidden field', '<input id="c" type="hidden" autocomplete="one-time-code">'],
    ['a field hidden by style', '<input id="c" autocomplete="one-time-code" style="display:none">'],
  ])('is never %s', (_what, html) => {
    expect(found(html)).toBeNull();
  });
});

describe('a code split into one box per digit', () => {
  test.each([
    ['a heading before the row', `<h2>Enter the verification code</h2><div>${boxes(6)}</div>`],
    ["the row's aria-label", `<div role="group" aria-label="Security code">${boxes(6)}</div>`],
    [
      "the row's aria-labelledby",
      `<p id="l">Codice di verifica</p><p>Lo trovi nell'app.</p><div role="group" aria-labelledby="l">${boxes(6)}</div>`,
    ],
    ['the token on its boxes', `<div>${boxes(6, 'autocomplete="one-time-code"')}</div>`],
    ['words on the first box', `<div>${boxes(6, 'aria-label="Codice di verifica, cifra"')}</div>`],
    ['eight boxes', `<p>Authentication code</p><div>${boxes(8)}</div>`],
  ])('is found by %s, every box in order', (_what, html) => {
    const n = html.includes('d8') ? 8 : 6;
    expect(found(html)).toBe(ids(n));
  });

  test.each([
    ['a PIN', `<h2>Enter your PIN</h2><div>${boxes(6)}</div>`],
    ['a card security code', `<label>Card security code</label><div>${boxes(4)}</div>`],
    ['boxes with nothing asking for a code', `<div>${boxes(6)}</div>`],
    ['three boxes', `<h2>Verification code</h2><div>${boxes(3)}</div>`],
    ['nine boxes', `<h2>Verification code</h2><div>${boxes(9)}</div>`],
    [
      'boxes with another field between them',
      `<h2>Verification code</h2><div>${boxes(3)}<input id="x">${boxes(3)}</div>`,
    ],
    [
      'a row with a hidden box',
      `<h2>Verification code</h2><div>${boxes(5)}<input id="d6" maxlength="1" style="display:none"></div>`,
    ],
  ])('is never %s', (_what, html) => {
    expect(found(html)).toBeNull();
  });

  test('a whole code field with the token wins over a row of boxes', () => {
    expect(
      found(
        `<h2>Verification code</h2><div>${boxes(6)}</div><input id="c" autocomplete="one-time-code">`,
      ),
    ).toBe('c');
  });

  test('any box of the row leads to the whole row (the inline menu opens on a click into one)', () => {
    doc.body.innerHTML = `<h2>Verification code</h2><div>${boxes(6)}</div><input id="name">`;
    const third = doc.getElementById('d3') as HTMLInputElement;
    expect(otpFieldsAt(third).map((el) => el.id)).toEqual(ids(6).split(' '));
    expect(otpFieldsAt(doc.getElementById('name') as HTMLInputElement)).toEqual([]);
  });

  test('gets one digit per box, with the events typing makes, and nothing when lengths differ', () => {
    doc.body.innerHTML = `<h2>Verification code</h2><div>${boxes(6)}</div>`;
    const row = findOtpFields(doc);
    const typed: string[] = [];
    doc.body.addEventListener('input', (e) => typed.push((e.target as HTMLInputElement).id));
    expect(fillOtp(row, '12345678')).toBe(false);
    expect(row.map((el) => el.value).join('')).toBe('');
    expect(fillOtp(row, '493021')).toBe(true);
    expect(row.map((el) => el.value)).toEqual(['4', '9', '3', '0', '2', '1']);
    expect(typed).toEqual(ids(6).split(' '));
  });
});
