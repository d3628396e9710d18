// @vitest-environment happy-dom
/**
 * Where detection looks: forms, formless pages, `form=`, shadow roots, two-step logins, submit
 * buttons. happy-dom has no layout (every rect is zero); detection still works because geometry is
 * only consulted when the document has a box (detect-visibility.ts). Layout rules are tested in
 * Chromium: tests/e2e/detect-visibility.e2e.ts.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { detectLoginForms } from './detect';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

const ids = (root: Document | ShadowRoot = doc) =>
  detectLoginForms(root).map((f) => ({
    kind: f.kind,
    username: f.username?.id ?? null,
    password: f.password?.id ?? null,
    submit: f.submit?.id ?? null,
  }));

function detect(html: string) {
  doc.body.innerHTML = html;
  return ids();
}

afterEach(() => {
  doc.body.innerHTML = '';
  doc.title = '';
});

describe('a classic login form', () => {
  test('finds username, password and the submit button', () => {
    expect(
      detect(`<form action="/session">
        <label for="u">Email</label><input id="u" name="email" type="email">
        <label for="p">Password</label><input id="p" name="password" type="password">
        <button id="go" type="submit">Sign in</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p', submit: 'go' }]);
  });

  test('takes the text field right before the password when nothing names it', () => {
    expect(
      detect(`<form><input id="a" name="f1"><input id="b" name="f2">
        <input id="p" type="password"><input id="go" type="submit" value="OK"></form>`),
    ).toEqual([{ kind: 'login', username: 'b', password: 'p', submit: 'go' }]);
  });

  test('prefers the field that says "username" over a nearer anonymous one', () => {
    const [form] = detect(`<form><input id="u" autocomplete="username"><input id="x" name="f2">
      <input id="p" type="password"><button id="go">Log in</button></form>`);
    expect(form?.username).toBe('u');
  });

  test('skips social sign-in and "show password" buttons', () => {
    const [form] = detect(`<form><input id="u" name="login"><input id="p" type="password">
      <button id="show" type="button">Show</button>
      <button id="google" type="submit">Sign in with Google</button>
      <button id="go" type="submit">Sign in</button></form>`);
    expect(form?.submit).toBe('go');
  });

  test('finds a script-driven button outside the form', () => {
    const [form] = detect(`<div><form><input id="u" name="username">
      <input id="p" type="password"></form>
      <div><button id="go" type="submit">Sign in</button></div></div>`);
    expect(form).toEqual({ kind: 'login', username: 'u', password: 'p', submit: 'go' });
  });

  test('reports every form of the page, in document order', () => {
    expect(
      detect(`<form><input id="u1" name="username"><input id="p1" type="password">
        <button id="s1">Log in</button></form>
        <form><input id="e2" type="email" name="email"><input id="p2" type="password" name="pw">
        <input id="c2" type="password" name="confirm"><button id="s2">Create account</button></form>`),
    ).toEqual([
      { kind: 'login', username: 'u1', password: 'p1', submit: 's1' },
      { kind: 'signup', username: 'e2', password: 'p2', submit: 's2' },
    ]);
  });

  test('ignores disabled inputs', () => {
    expect(
      detect(`<form><input name="username" disabled><input type="password" disabled></form>`),
    ).toEqual([]);
  });
});

describe('grouping', () => {
  test('groups formless inputs by their nearest common container', () => {
    expect(
      detect(`<header><input id="q" type="search" name="q"></header>
        <div class="box"><div><input id="u1" name="user"></div><div><input id="p1" type="password"></div>
          <button id="s1">Log in</button></div>
        <aside><div><input id="u2" name="email" type="email"></div>
          <div><input id="p2" type="password"></div><span role="button" id="s2">Sign in</span></aside>`),
    ).toEqual([
      { kind: 'login', username: 'u1', password: 'p1', submit: 's1' },
      { kind: 'login', username: 'u2', password: 'p2', submit: 's2' },
    ]);
  });

  test('follows the form= attribute to inputs placed outside the form', () => {
    expect(
      detect(`<form id="login"></form><input id="noise" name="comment">
        <input id="u" name="username" form="login"><input id="p" type="password" form="login">
        <button id="go" form="login">Log in</button>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p', submit: 'go' }]);
  });

  test('splits a page-wide form (ASP.NET style) into its parts', () => {
    const fields = Array.from({ length: 8 }, (_, i) => `<input name="qty${i}" value="1">`).join('');
    const [form, ...rest] = detect(`<form id="aspnet">
      <div><input name="search" id="q"><input type="submit" value="Search" id="qs"></div>
      <div class="products">${fields}</div>
      <div class="login"><input id="u" name="txtEmail"><input id="p" type="password">
        <input type="submit" id="go" value="Log in"></div>
      <div><input name="newsletter" id="n" type="email"><input type="submit" id="ns" value="Subscribe"></div>
    </form>`);
    expect(form).toEqual({ kind: 'login', username: 'u', password: 'p', submit: 'go' });
    expect(rest).toEqual([]);
  });
});

describe('login forms kept in dialogs', () => {
  const form = (u: string, p: string) =>
    `<form><input id="${u}" type="email" name="email"><input id="${p}" type="password">
      <button id="${p}-go">Sign in</button></form>`;

  test("a dialog's copy of the page's login form is left out while the page's own is there", () => {
    expect(
      detect(`${form('u', 'p')}<aside role="dialog">${form('u2', 'p2')}</aside>
        <div class="modal">${form('u3', 'p3')}</div>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p', submit: 'p-go' }]);
  });

  test('a login form that only a dialog holds is still found', () => {
    expect(detect(`<div role="dialog">${form('u', 'p')}</div>`)).toEqual([
      { kind: 'login', username: 'u', password: 'p', submit: 'p-go' },
    ]);
  });
});

describe('shadow DOM', () => {
  function hostWith(html: string, mode: 'open' | 'closed') {
    doc.body.innerHTML = '<p>page</p><login-box></login-box>';
    const shadow = doc.querySelector('login-box')!.attachShadow({ mode });
    shadow.innerHTML = html;
    return shadow;
  }
  const box = `<div><input id="u" name="username"><input id="p" type="password">
    <button id="go">Sign in</button></div>`;

  test('looks into open shadow roots from the document', () => {
    hostWith(box, 'open');
    expect(ids()).toEqual([{ kind: 'login', username: 'u', password: 'p', submit: 'go' }]);
  });

  test('accepts a shadow root as the root', () => {
    const shadow = hostWith(`<form>${box}</form>`, 'open');
    expect(ids(shadow)).toEqual([{ kind: 'login', username: 'u', password: 'p', submit: 'go' }]);
  });

  test('looks into shadow roots nested in shadow roots', () => {
    const outer = hostWith('<inner-box></inner-box>', 'open');
    outer.querySelector('inner-box')!.attachShadow({ mode: 'open' }).innerHTML = box;
    expect(ids()).toHaveLength(1);
  });

  test('cannot see into closed shadow roots', () => {
    hostWith(box, 'closed');
    expect(ids()).toEqual([]);
  });
});

describe('two-step logins', () => {
  test('the username step is a login without a password', () => {
    doc.title = 'Sign in to your account';
    expect(
      detect(`<form><label for="u">Email, phone or Skype</label>
        <input id="u" type="email" name="loginfmt">
        <input type="password" name="passwd" aria-hidden="true" tabindex="-1">
        <input type="submit" id="next" value="Next"></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: null, submit: 'next' }]);
  });

  test('a lone field named for login, with a "Continue" button, is a username step', () => {
    expect(
      detect(`<form id="form-login"><input id="u" type="email" autocomplete="username"
        placeholder="Email address"><button id="c">Continue</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: null, submit: 'c' }]);
  });

  test('the password step is a login without a username', () => {
    expect(
      detect(`<form><h1>Welcome back</h1><input id="p" type="password" name="password">
        <button id="go">Sign in</button></form>`),
    ).toEqual([{ kind: 'login', username: null, password: 'p', submit: 'go' }]);
  });

  test('an e-mail box with nothing saying "sign in" is not a login step', () => {
    expect(detect(`<form><input type="email" name="email"><button>Go</button></form>`)).toEqual([]);
  });
});

describe('never reads data-fathom', () => {
  test('a page whose only signal is data-fathom detects nothing', () => {
    expect(
      detect(`<div><input data-fathom="username"><input data-fathom="password">
        <span data-fathom="next">→</span></div>`),
    ).toEqual([]);
  });

  test('labels on the wrong fields do not move the detection', () => {
    expect(
      detect(`<form><input id="decoy" data-fathom="username" name="coupon">
        <input id="u" name="username" data-fathom="password">
        <input id="p" type="password" data-fathom="next"><button id="go">Log in</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p', submit: 'go' }]);
  });
});
