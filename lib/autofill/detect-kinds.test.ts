// @vitest-environment happy-dom
/**
 * Login, sign-up or password change, in English, Italian, German, French and Spanish.
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
  doc.title = '';
});

describe('logins in five languages', () => {
  const cases: Array<[lang: string, user: string, pass: string, button: string]> = [
    ['en', 'Username', 'Password', 'Log in'],
    ['it', 'Nome utente', 'Password', 'Accedi'],
    ['de', 'Benutzername', 'Passwort', 'Anmelden'],
    ['fr', "Nom d'utilisateur", 'Mot de passe', 'Se connecter'],
    ['es', 'Usuario', 'Contraseña', 'Iniciar sesión'],
  ];
  test.each(cases)('%s: the labels find the fields, the button says login', (_l, u, p, b) => {
    // Anonymous names and an extra field first: only the label tells which one is the username.
    expect(
      detect(`<form><input id="x" name="f0"><label for="u">${u}</label><input id="u" name="f1">
        <input id="y" name="f2"><label>${p} <input id="p" type="password" name="f3"></label>
        <button>${b}</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p' }]);
  });

  test.each([
    ['it', 'Indirizzo email'],
    ['de', 'E-Mail-Adresse'],
    ['fr', 'Adresse e-mail'],
    ['es', 'Correo electrónico'],
  ])('%s: an e-mail placeholder marks the username', (_l, placeholder) => {
    const [form] = detect(`<form><input id="u" placeholder="${placeholder}"><input id="z">
      <input id="p" type="password"></form>`);
    expect(form?.username).toBe('u');
  });

  test('aria-labelledby names the username', () => {
    const [form] = detect(`<form><span id="l">Customer ID</span><input id="u" aria-labelledby="l">
      <input id="o"><input id="p" type="password"></form>`);
    expect(form?.username).toBe('u');
  });

  test('a "create account" link or button in a login form leaves it a login', () => {
    expect(
      detect(`<form><input id="u" name="email" type="email"><input id="p" type="password">
        <button type="submit">Log in</button><button type="submit" name="register">Create account</button>
        <a href="/forgot">Forgot your password?</a></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p' }]);
  });

  test('autocomplete=new-password on a plain login form does not make it a sign-up', () => {
    expect(
      detect(`<form><input id="u" name="username"><input id="p" type="password" autocomplete="new-password">
        <label><input type="checkbox"> Remember me</label><button>Sign in</button></form>`),
    ).toEqual([{ kind: 'login', username: 'u', password: 'p' }]);
  });
});

describe('sign-up forms', () => {
  test('two passwords, the second a confirmation', () => {
    expect(
      detect(`<form><input id="e" type="email" name="email"><input id="p" type="password" name="password">
        <input id="c" type="password" name="password_confirm"><button>Continue</button></form>`),
    ).toEqual([{ kind: 'signup', username: 'e', password: 'p' }]);
  });

  test('"Repeat password" without autocomplete or names', () => {
    const [form] = detect(`<form><input id="e" name="a"><input id="p" type="password" name="b">
      <input id="c" type="password" placeholder="Repeat password"></form>`);
    expect(form?.kind).toBe('signup');
  });

  test.each([
    ['en', 'Create account'],
    ['en', 'Sign up'],
    ['it', 'Registrati'],
    ['de', 'Registrieren'],
    ['fr', "S'inscrire"],
    ['es', 'Regístrate'],
  ])('%s: one password and a "%s" button', (_l, button) => {
    expect(
      detect(`<form><input id="e" type="email" name="email"><input id="p" type="password" name="pw">
        <button type="submit">${button}</button></form>`),
    ).toEqual([{ kind: 'signup', username: 'e', password: 'p' }]);
  });

  test('personal details and autocomplete=new-password', () => {
    expect(
      detect(`<form><input name="firstName" autocomplete="given-name"><input name="lastName">
        <input id="e" type="email" name="email"><input id="p" type="password" autocomplete="new-password">
        <button>Continue</button></form>`),
    ).toEqual([{ kind: 'signup', username: 'e', password: 'p' }]);
  });

  test('a "Create a password" label', () => {
    const [form] = detect(`<form><label>Email <input id="e" type="email"></label>
      <label>Create a password <input id="p" type="password"></label><button>Go</button></form>`);
    expect(form?.kind).toBe('signup');
  });

  test('e-mail typed twice', () => {
    const [form] = detect(`<form><input id="e" type="email" name="email">
      <input type="email" name="email_confirm" placeholder="Confirm email">
      <input id="p" type="password"><button>Continue</button></form>`);
    expect(form?.kind).toBe('signup');
  });
});

describe('pages for creating an account', () => {
  const page = (loginPassword: string) => `<h1>Create your account</h1>
    <form><h2>Welcome back</h2><input id="le" type="email" name="email">${loginPassword}
      <button>Log in</button></form>
    <form><input id="se" type="email" name="email"><input id="sp" type="password" name="password">
      <button>Create account</button></form>`;
  const plainLogin = '<input id="lp" type="password" name="password">';

  test('on a sign-up page, the "already have an account?" login view is not reported', () => {
    doc.title = 'Sign up | Shop';
    expect(detect(page(plainLogin))).toEqual([{ kind: 'signup', username: 'se', password: 'sp' }]);
  });

  test('autocomplete=current-password keeps it a login', () => {
    doc.title = 'Sign up | Shop';
    const current = '<input id="lp" type="password" autocomplete="current-password">';
    expect(detect(page(current))[0]).toEqual({ kind: 'login', username: 'le', password: 'lp' });
  });

  test('a title or heading that also says "log in" keeps it a login', () => {
    doc.title = 'Log in or sign up | Shop';
    expect(detect(page(plainLogin))[0]).toEqual({ kind: 'login', username: 'le', password: 'lp' });
  });
});

describe('password changes', () => {
  test('current, new and confirmation', () => {
    expect(
      detect(`<form><input type="text" name="username" id="u" autocomplete="username">
        <input id="cur" type="password" autocomplete="current-password">
        <input id="new" type="password" autocomplete="new-password">
        <input id="rep" type="password" autocomplete="new-password" name="confirm"></form>`),
    ).toEqual([{ kind: 'change-password', username: 'u', password: 'cur' }]);
  });

  test.each([
    ['en', 'Current password', 'New password'],
    ['it', 'Password attuale', 'Nuova password'],
    ['de', 'Aktuelles Passwort', 'Neues Passwort'],
    ['fr', 'Mot de passe actuel', 'Nouveau mot de passe'],
    ['es', 'Contraseña actual', 'Nueva contraseña'],
  ])('%s: "%s" then "%s"', (_l, current, next) => {
    expect(
      detect(`<form><input id="cur" type="password" placeholder="${current}">
        <input id="new" type="password" placeholder="${next}"></form>`),
    ).toEqual([{ kind: 'change-password', username: null, password: 'cur' }]);
  });

  test('new password twice and nothing else: setting a password after a reset', () => {
    const [form] = detect(`<form><h2>Passwort ändern</h2><input type="password" name="pw1">
      <input type="password" name="pw2"><button>Speichern</button></form>`);
    expect(form?.kind).toBe('change-password');
  });

  test('a reset code and a new password', () => {
    const [form] = detect(`<form><input name="code" autocomplete="one-time-code">
      <input id="p" type="password" autocomplete="new-password"><button>Reset</button></form>`);
    expect(form).toEqual({ kind: 'change-password', username: null, password: 'p' });
  });
});
