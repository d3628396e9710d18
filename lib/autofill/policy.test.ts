/** The one fill policy (DESIGN §6), rule by rule, from what the browser reports about the frame. */
import { describe, expect, it } from 'vitest';
import { decideFill, type FrameFacts } from './policy';

const bank = { urls: [{ url: 'https://bank.example/login', match: 'domain' as const }] };
const top = (url: string): FrameFacts => ({
  url,
  origin: new URL(url).origin,
  topOrigin: new URL(url).origin,
  hostAccess: true,
});

describe('decideFill', () => {
  it('fills the top frame of the login’s own site', () => {
    expect(decideFill(bank, top('https://bank.example/login'))).toEqual({ kind: 'fill' });
    expect(decideFill(bank, top('https://www.bank.example/'))).toEqual({ kind: 'fill' });
  });

  it('refuses another site, look-alikes included', () => {
    for (const url of [
      'https://bank.example.evil.test/',
      'https://bank.example@evil.test/',
      'https://evil.test/',
    ]) {
      expect(decideFill(bank, top(url))).toEqual({ kind: 'refuse', reason: 'no-match' });
    }
  });

  it('asks before putting an https login into an http page, and fills once confirmed', () => {
    expect(decideFill(bank, top('http://bank.example/login'))).toMatchObject({
      kind: 'confirm',
      confirm: ['insecure-page'],
    });
    expect(decideFill(bank, top('http://bank.example/login'), { insecurePage: true })).toEqual({
      kind: 'fill',
    });
  });

  it('judges a frame by its own origin, and names both sites before filling a cross-site frame', () => {
    const frame: FrameFacts = {
      url: 'https://bank.example/embedded-login',
      origin: 'https://bank.example',
      topOrigin: 'https://shop.example',
      hostAccess: true,
    };
    expect(decideFill(bank, frame)).toEqual({
      kind: 'confirm',
      confirm: ['cross-origin-frame'],
      frameSite: 'https://bank.example',
      topSite: 'https://shop.example',
    });
    expect(decideFill(bank, frame, { crossOriginFrame: true })).toEqual({ kind: 'fill' });
    expect(decideFill(bank, { ...frame, hostAccess: false })).toEqual({
      kind: 'refuse',
      reason: 'no-host-access',
    });
    // The tab is the bank, the frame is not: the frame's origin decides.
    const foreign = {
      url: 'https://ads.example/',
      origin: 'https://ads.example',
      topOrigin: 'https://bank.example',
      hostAccess: true,
    };
    expect(decideFill(bank, foreign)).toEqual({ kind: 'refuse', reason: 'no-match' });
  });

  it('warns, naming it, when the form posts to another site; its own subdomains are fine', () => {
    const page = { ...top('https://bank.example/login') };
    for (const formAction of [
      'https://bank.example/session',
      'https://api.bank.example/v1/login',
      '/relative-is-resolved-by-the-script',
    ]) {
      const action = formAction.startsWith('/') ? `https://bank.example${formAction}` : formAction;
      expect(decideFill(bank, { ...page, formAction: action })).toEqual({ kind: 'fill' });
    }
    for (const formAction of ['https://collect.evil.test/p', 'https://bank.example.evil.test/']) {
      expect(decideFill(bank, { ...page, formAction })).toEqual({
        kind: 'confirm',
        confirm: ['form-action'],
        frameSite: 'https://bank.example',
        topSite: 'https://bank.example',
        actionSite: new URL(formAction).hostname,
      });
      expect(decideFill(bank, { ...page, formAction }, { formAction: true })).toEqual({
        kind: 'fill',
      });
    }
    // What the page says about its form can only add a warning, never let a fill through.
    expect(
      decideFill(bank, { ...top('https://evil.test/'), formAction: 'https://bank.example/' }),
    ).toEqual({ kind: 'refuse', reason: 'no-match' });
  });

  it('offers a login of a related site (google.com on youtube.com) only with the user’s word', () => {
    const google = { urls: [{ url: 'https://accounts.google.com/', match: 'domain' as const }] };
    const youtube = top('https://www.youtube.com/signin');
    expect(decideFill(google, youtube)).toMatchObject({
      kind: 'confirm',
      confirm: ['equivalent-site'],
    });
    expect(decideFill(google, youtube, { equivalentSite: true })).toEqual({ kind: 'fill' });
    // Narrowed to its host by the user: no longer offered elsewhere.
    const narrowed = { urls: [{ url: 'https://accounts.google.com/', match: 'host' as const }] };
    expect(decideFill(narrowed, youtube, { equivalentSite: true })).toEqual({
      kind: 'refuse',
      reason: 'no-match',
    });
    // A group of the user's own.
    const groups = [['example.com', 'example.org']];
    const example = { urls: [{ url: 'https://example.com/', match: 'domain' as const }] };
    expect(decideFill(example, top('https://example.org/'), {}, groups)).toMatchObject({
      confirm: ['equivalent-site'],
    });
    expect(decideFill(example, top('https://example.net/'), {}, groups)).toEqual({
      kind: 'refuse',
      reason: 'no-match',
    });
  });

  it('never fills an opaque origin: a sandboxed frame, data:, about:blank', () => {
    const sandboxed = {
      url: 'https://bank.example/',
      origin: 'null',
      topOrigin: 'https://bank.example',
      hostAccess: true,
    };
    expect(decideFill(bank, sandboxed)).toEqual({ kind: 'refuse', reason: 'opaque-origin' });
    for (const url of ['data:text/html,<form>', 'about:blank', 'blob:https://bank.example/1']) {
      expect(
        decideFill(bank, {
          url,
          origin: 'https://bank.example',
          topOrigin: 'https://bank.example',
          hostAccess: true,
        }),
      ).toEqual({
        kind: 'refuse',
        reason: 'opaque-origin',
      });
    }
  });

  it('refuses a frame whose reported URL and origin disagree, and pages that are not the web', () => {
    const odd = {
      url: 'https://bank.example/',
      origin: 'https://evil.test',
      topOrigin: 'https://evil.test',
      hostAccess: true,
    };
    expect(decideFill(bank, odd)).toEqual({ kind: 'refuse', reason: 'not-web' });
    expect(
      decideFill(bank, {
        url: 'chrome://settings/',
        origin: 'chrome://settings',
        topOrigin: 'chrome://settings',
        hostAccess: false,
      }),
    ).toEqual({
      kind: 'refuse',
      reason: 'not-web',
    });
  });
});
