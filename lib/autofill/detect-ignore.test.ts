// @vitest-environment happy-dom
/**
 * What is never a login: search boxes, newsletter and comment forms, one-time codes, card fields,
 * and honeypots. The honeypot rules here are the ones that need no layout (attributes and
 * computed style); size and position are tested in Chromium (tests/e2e/detect-visibility.e2e.ts).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { detectLoginForms } from './detect';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

function detect(html: string) {
  doc.body.innerHTML = html;
  return detectLoginForms(doc).map((f) => ({
    kind: f.kind,
    username: f.username?.id ?? null,
    password: f.password?.id ?? null,
  }));
}

afterEach(() => {
  doc.body.innerHTML = '';
});

const LOGIN = `<input id="u" name="username"><input id="p" type="password"><button>Log in</button>`;

describe('not login forms', () => {
  test.each([
    ['type=search', '<input type="search" name="x">'],
    ['name=q', '<input name="q">'],
    ['role=search', '<div role="search"><input name="x"></div>'],
    ['placeholder', '<input placeholder="Cerca nel negozio">'],
  ])('a search box (%s) is never the username', (_what, search) => {
    expect(detect(`<form>${search}<button>Go</button></form>`)).toEqual([]);
    expect(
      detect(`<form>${search}<input id="p" type="password"><button>Log in</button></form>`),
    ).toEqual([{ kind: 'login', username: null, password: 'p' }]);
  });

  test.each([
    ['en', 'Subscribe to our newsletter', 'Subscribe'],
    ['it', 'Iscriviti alla newsletter', 'Iscriviti'],
    ['de', 'Newsletter abonnieren', 'Abonnieren'],
    ['fr', 'Abonnez-vous à la newsletter', "S'abonner"],
    ['es', 'Suscríbete a nuestro boletín', 'Suscribirse'],
  ])('%s: a newsletter box', (_l, heading, button) => {
    expect(
      detect(`<form><h3>${heading}</h3><input type="email" name="email" autocomplete="email">
        <button>${button}</button></form>`),
    ).toEqual([]);
  });

  test('a comment form', () => {
    expect(
      detect(`<form id="commentform"><input name="author" placeholder="Name">
        <input name="email" type="email" placeholder="Email"><input name="url" placeholder="Website">
        <textarea name="comment"></textarea><button>Post comment</button></form>`),
    ).toEqual([]);
  });

  test('a comment box with only an e-mail field and a textarea', () => {
    expect(
      detect(`<form><h3>Leave a reply</h3><input name="email" type="email">
        <textarea name="comment"></textarea><button>Sign in to reply</button></form>`),
    ).toEqual([]);
  });

  test('a forgotten-password form', () => {
    expect(
      detect(`<form><h2>Forgot your password?</h2><input type="email" name="email">
        <button>Send reset link</button></form>`),
    ).toEqual([]);
  });

  test.each([
    ['en', 'Guest checkout'],
    ['it', 'Acquista come ospite'],
    ['de', 'Als Gast bestellen'],
    ['fr', "Commander en tant qu'invité"],
    ['es', 'Comprar como invitado'],
  ])('%s: a guest-checkout e-mail box is not the first step of a login', (_l, heading) => {
    expect(
      detect(`<form id="guest-login"><h3>${heading}</h3><input type="email" name="email">
        <button>Continue</button></form>`),
    ).toEqual([]);
  });

  test('a one-time code is neither the username nor the password', () => {
    expect(
      detect(`<form><input name="otp" autocomplete="one-time-code"><button>Verify</button></form>`),
    ).toEqual([]);
    expect(
      detect(`<form><input id="u" name="username"><input id="p" type="password">
        <input name="totp" type="password"><button>Log in</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p' }]);
    expect(
      detect(`<form><label for="c">Verification code</label><input id="c" type="password">
        <button>Continue</button></form>`),
    ).toEqual([]);
  });

  test('card security codes and PINs in password inputs are not passwords', () => {
    expect(
      detect(`<form><input name="cardNumber" autocomplete="cc-number">
        <input type="password" name="cvv" autocomplete="cc-csc"><input type="password" name="pin">
        <button>Pay</button></form>`),
    ).toEqual([]);
  });

  test('a captcha between username and password is skipped', () => {
    const [form] = detect(`<form><input id="u" name="user"><input id="p" type="password">
      <input name="captcha_text" placeholder="Enter the characters above"><button>Log in</button></form>`);
    expect(form?.username).toBe('u');
    doc.body.innerHTML = '';
    const [other] = detect(`<form><input id="u" name="user"><input name="captcha">
      <input id="p" type="password"><button>Log in</button></form>`);
    expect(other?.username).toBe('u');
  });
});

describe('honeypots and hidden fields (no layout needed)', () => {
  test.each([
    ['type=hidden', '<input type="hidden" name="username">'],
    ['hidden attribute', '<div hidden><input name="username"></div>'],
    ['aria-hidden', '<input name="username" aria-hidden="true">'],
    ['display:none', '<div style="display:none"><input name="username"></div>'],
    ['visibility:hidden', '<input name="username" style="visibility:hidden">'],
    ['opacity:0', '<div style="opacity:0"><input name="username"></div>'],
    ['a hide-utility class', '<div class="sr-only"><input name="username"></div>'],
    ['a closed Bootstrap collapse', '<div class="collapse"><input name="username"></div>'],
    ['clip', '<input name="username" style="position:absolute;clip:rect(0,0,0,0)">'],
  ])('a %s username decoy before the real form is skipped', (_what, decoy) => {
    expect(detect(`<form>${decoy}${LOGIN}</form>`)).toEqual([
      { kind: 'login', username: 'u', password: 'p' },
    ]);
  });

  test('a hidden password field does not count: the form is a username step, not a sign-up', () => {
    expect(
      detect(`<form id="login"><input id="u" type="email" name="email">
        <input type="password" style="display:none"><input type="password" hidden>
        <button>Next</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: null }]);
  });

  test('a login form that is entirely hidden is not reported', () => {
    expect(detect(`<div style="display:none"><form>${LOGIN}</form></div>`)).toEqual([]);
    expect(detect(`<div aria-hidden="true"><form>${LOGIN}</form></div>`)).toEqual([]);
  });

  test('an opened collapse, and a navbar collapse (shown on wide screens), stay visible', () => {
    for (const cls of ['collapse in', 'collapse show', 'navbar-collapse collapse']) {
      expect(detect(`<div class="${cls}"><form>${LOGIN}</form></div>`)).toHaveLength(1);
    }
  });

  test('without layout (happy-dom), zero-size rects do not hide every field', () => {
    expect(doc.documentElement.getBoundingClientRect().width).toBe(0);
    expect(detect(`<form>${LOGIN}</form>`)).toHaveLength(1);
  });
});
