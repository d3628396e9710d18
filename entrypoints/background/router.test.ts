import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILD_ID } from '@/lib/messaging/build';
import { classifySender, createRouter, type Handlers } from './router';
import {
  contentSender,
  deliver,
  extensionOrigin,
  popupSender,
  sendAs,
} from '@/tests/support/senders';
import { startBackground } from './wiring';

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  // The fake browser has no manifest; the real one comes from wxt.config.ts.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Cassaforte',
    version: '9.8.7',
  });
  startBackground();
});

describe('app.status through the real listener', () => {
  it('tells the popup the version and that nobody is signed in', async () => {
    const answer = await sendAs(popupSender(), 'app.status', {});
    expect(answer).toEqual({ ok: true, data: { version: '9.8.7', state: 'signed-out' } });
  });

  it('answers a content script too, which needs to know whether to offer filling', async () => {
    const answer = await sendAs(contentSender('https://bank.example/login'), 'app.status', {});
    expect(answer.ok).toBe(true);
  });

  it('is answered for a full-tab extension page (onboarding, kit)', async () => {
    const sender = {
      ...popupSender(),
      url: `${extensionOrigin()}/kit.html`,
      tab: { id: 3 },
      frameId: 0,
    };
    expect((await sendAs(sender, 'app.status', {})).ok).toBe(true);
  });
});

describe('trust comes from the sender, never from the payload', () => {
  it('refuses a pages-only action asked for by a content script', async () => {
    const answer = await sendAs(contentSender('https://evil.example/'), 'session.lock', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses a content script even when its payload claims to be the popup', async () => {
    const sender = contentSender('https://evil.example/');
    const answer = await deliver(
      {
        type: 'session.lock',
        build: BUILD_ID,
        payload: {},
        url: `${extensionOrigin()}/popup.html`,
      },
      sender,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses another extension', async () => {
    const answer = await sendAs({ ...popupSender(), id: 'someone-else' }, 'app.status', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses the popup framed inside a web page; only menu.html is our in-page frame', async () => {
    const framed = { ...popupSender(), tab: { id: 4 }, frameId: 2 };
    expect(await sendAs(framed, 'app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    const self = { id: fakeBrowser.runtime.id, origin: extensionOrigin() };
    const menu = { ...framed, url: `${extensionOrigin()}/menu.html#abc` };
    expect(classifySender(menu, self)).toBe('frame');
    // Chrome's dynamic id (use_dynamic_url) is another origin of the same extension.
    expect(classifySender({ ...menu, url: 'chrome-extension://dynamic-id/menu.html' }, self)).toBe(
      'frame',
    );
    // Not as a top-level tab, not outside a tab, not from another extension.
    expect(classifySender({ ...menu, frameId: 0 }, self)).toBeNull();
    expect(classifySender({ ...menu, tab: undefined }, self)).toBeNull();
    expect(classifySender({ ...menu, id: 'someone-else' }, self)).toBeNull();
    // The frame asks for nothing that is the popup's.
    expect(await sendAs(menu, 'vault.list', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('refuses frames whose origin is not http(s)', () => {
    const self = { id: fakeBrowser.runtime.id, origin: extensionOrigin() };
    for (const url of ['data:text/html,x', 'file:///etc/passwd', 'about:blank', 'not a url']) {
      expect(classifySender({ ...contentSender('https://a.example/'), url }, self)).toBeNull();
    }
    expect(classifySender({ id: self.id }, self)).toBeNull();
  });
});

describe('malformed and stale messages', () => {
  it('tells a content script from an older build to reload the page', async () => {
    const answer = await deliver(
      { type: 'app.status', build: 'old-build', payload: {} },
      contentSender('https://a.example/'),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'stale-build' } });
    expect(answer.ok === false && answer.error.message).toMatch(/reload/i);
  });

  it.each([null, 'app.status', 42, { type: 'app.status' }, { type: '', build: BUILD_ID }])(
    'answers %j with bad-message',
    async (message) => {
      expect(await deliver(message, popupSender())).toMatchObject({
        ok: false,
        error: { code: 'bad-message' },
      });
    },
  );

  it('rejects unknown types and unexpected payload fields', async () => {
    expect(
      await deliver({ type: 'vault.export', build: BUILD_ID, payload: {} }, popupSender()),
    ).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    expect(
      await deliver({ type: 'app.status', build: BUILD_ID, payload: { x: 1 } }, popupSender()),
    ).toMatchObject({ ok: false, error: { code: 'bad-message' } });
  });
});

describe('handler failures', () => {
  it('never passes an unexpected error text to the sender', async () => {
    const failing = async () => {
      throw new Error('secret material 1234');
    };
    const seen: string[] = [];
    const router = createRouter({
      handlers: { 'app.status': failing, 'session.lock': failing } as unknown as Handlers,
      self: { id: fakeBrowser.runtime.id, origin: extensionOrigin() },
      build: BUILD_ID,
      onInternalError: (type) => seen.push(type),
    });
    const answer = await router.handle(
      { type: 'app.status', build: BUILD_ID, payload: {} },
      popupSender(),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(seen).toEqual(['app.status']);
  });
});
