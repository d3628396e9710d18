// @vitest-environment happy-dom
/**
 * Shapes of login pages that many people use, written from how those pages are built (not
 * copied): one-step forms, two-step identifier pages, script-driven formless forms.
 */
import { afterEach, expect, test } from 'vitest';
import { detectLoginForms } from './detect';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

function detect(html: string, title = '') {
  doc.title = title;
  doc.body.innerHTML = html;
  return detectLoginForms(doc).map((f) => ({
    kind: f.kind,
    username: f.username?.id ?? null,
    password: f.password?.id ?? null,
    submit: f.submit?.id ?? null,
  }));
}

afterEach(() => {
  doc.body.innerHTML = '';
});

test('a code-hosting login with hidden WebAuthn inputs', () => {
  expect(
    detect(`<form action="/session" method="post">
      <input type="hidden" name="authenticity_token" value="x">
      <label for="login_field">Username or email address</label>
      <input type="text" name="login" id="login_field" autocomplete="username">
      <label for="password">Password</label><a href="/password_reset">Forgot password?</a>
      <input type="password" name="password" id="password" autocomplete="current-password">
      <input type="hidden" name="webauthn-support" value="unknown">
      <input type="submit" name="commit" value="Sign in" id="commit"></form>
      <p>New here? <a href="/signup">Create an account</a></p>`),
  ).toEqual([{ kind: 'login', username: 'login_field', password: 'password', submit: 'commit' }]);
});

test('an identifier step with the password input waiting hidden', () => {
  expect(
    detect(
      `<form method="post"><h1>Sign in</h1>
      <input type="email" name="identifier" id="identifierId" autocomplete="username webauthn"
        aria-label="Email or phone">
      <input type="password" name="hiddenPassword" aria-hidden="true" tabindex="-1">
      <a href="/forgot">Forgot email?</a>
      <div id="identifierNext"><button type="button" id="next"><span>Next</span></button></div></form>`,
      'Sign in - Accounts',
    ),
  ).toEqual([{ kind: 'login', username: 'identifierId', password: null, submit: 'next' }]);
});

test('a shop sign-in whose first step only asks for the e-mail', () => {
  expect(
    detect(`<form name="signIn" method="post" action="/ap/signin">
      <label for="ap_email">Email or mobile phone number</label>
      <input type="email" maxlength="128" id="ap_email" name="email" tabindex="1">
      <input id="continue" tabindex="5" type="submit" aria-labelledby="continue-announce">
      <span id="continue-announce">Continue</span></form>`),
  ).toEqual([{ kind: 'login', username: 'ap_email', password: null, submit: 'continue' }]);
});

test('the password step of the same shop', () => {
  expect(
    detect(`<form name="signIn" method="post" action="/ap/signin">
      <input type="hidden" name="email" value="me@example.com">
      <span>me@example.com</span> <a href="/ap/signin">Change</a>
      <label for="ap_password">Password</label>
      <input type="password" id="ap_password" name="password" tabindex="2">
      <input id="signInSubmit" tabindex="6" type="submit"></form>`),
  ).toEqual([{ kind: 'login', username: null, password: 'ap_password', submit: 'signInSubmit' }]);
});

test('a social network: login box at the top, sign-up below', () => {
  expect(
    detect(`<form id="login_form" action="/login/" method="post">
      <input type="text" name="email" id="email" placeholder="Email or phone number">
      <input type="password" name="pass" id="pass" placeholder="Password">
      <button name="login" type="submit" id="login">Log in</button></form>
      <form id="reg" action="/r.php"><input name="firstname" aria-label="First name">
      <input name="lastname" aria-label="Last name">
      <input name="reg_email__" id="reg_email" aria-label="Mobile number or email">
      <input type="password" name="reg_passwd__" id="reg_pw" autocomplete="new-password"
        aria-label="New password"><button type="submit" name="websubmit" id="reg_go">Sign Up</button></form>`),
  ).toEqual([
    { kind: 'login', username: 'email', password: 'pass', submit: 'login' },
    { kind: 'signup', username: 'reg_email', password: 'reg_pw', submit: 'reg_go' },
  ]);
});

test('a script-built page without any form, two steps in divs', () => {
  expect(
    detect(`<div role="dialog"><h1>Sign in to the service</h1>
      <div><div><label><span>Phone, email, or username</span>
        <input id="u" autocomplete="username" name="text" type="text"></label></div></div>
      <div role="button" id="next" tabindex="0"><span>Next</span></div>
      <div role="button" tabindex="0"><span>Forgot password?</span></div></div>`),
  ).toEqual([{ kind: 'login', username: 'u', password: null, submit: 'next' }]);
});

test('a portal whose username step says "Next" and names its form for login', () => {
  expect(
    detect(`<form id="login-username-form" method="post">
      <input id="login-username" name="username" type="text" autocomplete="username" placeholder=" ">
      <label for="login-username">Username, email, or mobile</label>
      <input id="login-signin" type="submit" name="signin" value="Next"></form>`),
  ).toEqual([
    { kind: 'login', username: 'login-username', password: null, submit: 'login-signin' },
  ]);
});

test('a bank: customer number, then a PIN pad that is not a password', () => {
  expect(
    detect(`<form action="/logon"><h2>Log on to online banking</h2>
      <label for="cn">Customer number</label><input id="cn" name="customerNumber" inputmode="numeric">
      <label for="pw">Password</label><input id="pw" type="password" name="password">
      <label for="pin">Security PIN</label><input id="pin" type="password" name="pin" maxlength="6">
      <button id="go" type="submit">Log on</button></form>`),
  ).toEqual([{ kind: 'login', username: 'cn', password: 'pw', submit: 'go' }]);
});

test('a checkout page: guest e-mail box and a returning-customer login', () => {
  expect(
    detect(`<section><h2>Guest checkout</h2><form id="guest"><input type="email" name="email">
      <button>Continue as guest</button></form></section>
      <section><h2>Returning customer</h2><form id="returning">
      <input type="email" id="e" name="email"><input type="password" id="p" name="password">
      <button id="go">Continue</button></form></section>`),
  ).toEqual([{ kind: 'login', username: 'e', password: 'p', submit: 'go' }]);
});

test('a sign-up that names its fields user.*', () => {
  expect(
    detect(`<form><input type="email" id="e" name="user.email"><input type="password" id="p"
      name="user.password"><input type="text" name="user.firstName"><button id="go">Continue</button></form>`),
  ).toEqual([{ kind: 'signup', username: 'e', password: 'p', submit: 'go' }]);
});
