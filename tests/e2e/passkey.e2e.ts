/**
 * Unlock with a passkey (issue 15) in real Chromium, the built extension against the real
 * server: a CDP virtual authenticator with PRF and user verification (TOOLCHAIN.md) stands in for
 * Touch ID or a security key, attached to the popup's tab. Set up in Settings after the password
 * again, lock, unlock by the authenticator; an authenticator whose PRF answers differently is
 * refused and the password field takes over; a browser restart asks for the password; removal
 * leaves only the password. The wrap at rest holds no vault key and no PRF output.
 *
 * Firefox ESR lets no extension use WebAuthn for itself: there the same Settings section says so
 * instead of offering it, and the unlock view has no passkey button.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Send } from '../support/accounts';
import { launchBrowser, launchChromium, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { signInOtherDevice } from '../support/other-device';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { alert, aria, bodyText, click, fill, heading, openPopup, waitForText } from './popup-page';
import { signedUp } from './signed-up';
import { walk } from '../support/files';

/** signed-up.ts's account password. */
const PASSWORD = 'meadow-copper-lantern-brisk-2';
const UNLOCK_WITH_PASSKEY = 'Unlock with passkey';

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' }); // a second device reads the vault key
});
afterAll(async () => {
  await server?.close();
});

interface VirtualCredential {
  credentialId: string;
  rpId: string;
}

/** A platform authenticator with PRF that verifies the user at once, on `page`'s tab. */
async function virtualAuthenticator(page: Page) {
  const cdp: CDPSession = await page.createCDPSession();
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    } as never,
  });
  return {
    async credentials(): Promise<VirtualCredential[]> {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials as VirtualCredential[];
    },
    async replace(credential: VirtualCredential) {
      await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
      await cdp.send('WebAuthn.addCredential', {
        authenticatorId,
        credential: credential as never,
      });
    },
  };
}

async function lock(popup: Page) {
  await click(popup, 'Lock');
  await heading(popup, 'Unlock Cassaforte');
}

describe('chromium: unlock with a passkey', () => {
  const extensionDir = builtExtensionDir('chromium');
  let profile: string;
  let chromium: ExtensionBrowser;
  let send: Send;
  let popup: Page;
  let authenticator: Awaited<ReturnType<typeof virtualAuthenticator>>;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'cassaforte-passkey-'));
  });
  afterAll(async () => {
    await chromium?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('sets up in Settings only with the account password again', async () => {
    chromium = await launchChromium({ extensionDir, serverUrl: server.url, userDataDir: profile });
    send = await signedUp(chromium, extensionDir, server, 'passkey');
    await send('vault.save', {
      item: { type: 'note', title: 'Codici del portone', notes: '4711' },
    });
    popup = await openPopup(chromium);
    authenticator = await virtualAuthenticator(popup);
    await click(popup, 'Settings');
    await heading(popup, 'Settings');
    await click(popup, 'Set up passkey unlock…');
    await fill(popup, 'Account password', 'not-the-password');
    await click(popup, 'Continue with the passkey');
    await alert(popup, 'That password is not right.');
    expect(await authenticator.credentials()).toEqual([]);

    await fill(popup, 'Account password', PASSWORD);
    await click(popup, 'Continue with the passkey');
    await waitForText(popup, 'On for this device since');
    expect(await authenticator.credentials()).toHaveLength(1);
    expect(await send('passkey.status', {})).toMatchObject({ enrolled: true, usable: true });
  });

  it('locks, and unlocks with the authenticator to the same vault', async () => {
    await lock(popup); // the header's Lock, from Settings
    await click(popup, UNLOCK_WITH_PASSKEY);
    await popup.waitForSelector('[data-ready][data-count="1"]', { timeout: 20_000 });
    expect(await bodyText(popup)).toContain('Codici del portone');
  });

  it('keeps no vault key and no PRF output on disk, and asks for the password after a restart', async () => {
    const { credentialId, salt } = await send('passkey.status', {});
    const prf = await popup.evaluate(
      async (id: string, input: string) => {
        const bytes = (t: string) =>
          Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
        const got = (await navigator.credentials.get({
          publicKey: {
            challenge: new Uint8Array(32),
            allowCredentials: [{ type: 'public-key', id: bytes(id) }],
            userVerification: 'required',
            extensions: { prf: { eval: { first: bytes(input) } } } as never,
          },
        })) as PublicKeyCredential;
        const results = got.getClientExtensionResults() as {
          prf: { results: { first: ArrayBuffer } };
        };
        return [...new Uint8Array(results.prf.results.first)];
      },
      credentialId!,
      salt!,
    );
    expect(prf).toHaveLength(32);
    const vk = await vaultKeyOf(send);
    await chromium.close(); // Chromium shuts down as when the user quits it
    const needles = [Buffer.from(prf), Buffer.from(vk)];
    for (const bytes of [prf, vk])
      needles.push(Buffer.from(Buffer.from(bytes).toString('base64url')));
    // The scan must see what the extension stores: the wrap's credential id is in storage.local.
    let sawWrap = false;
    for await (const file of walk(profile)) {
      const content = await readFile(file).catch(() => Buffer.alloc(0));
      sawWrap ||= content.includes(Buffer.from(credentialId!));
      for (const needle of needles) expect(content.includes(needle), file).toBe(false);
    }
    expect(sawWrap).toBe(true);

    chromium = await launchChromium({ extensionDir, serverUrl: server.url, userDataDir: profile });
    popup = await openPopup(chromium);
    send = messenger(popup, extensionDir);
    await heading(popup, 'Unlock Cassaforte');
    await popup.waitForSelector('[data-passkey-pause="restart"]', { timeout: 20_000 });
    expect(await popup.$(aria(UNLOCK_WITH_PASSKEY, 'button'))).toBeNull();
    await fill(popup, 'Account password', PASSWORD);
    await click(popup, 'Unlock');
    await popup.waitForSelector('[data-ready][data-count="1"]', { timeout: 20_000 });
    expect(await send('passkey.status', {})).toMatchObject({ enrolled: true, usable: true });
  });

  it('falls back to the password when the authenticator does not hold the passkey', async () => {
    // Another security key, or the passkey deleted from this one: the browser finds no match.
    const stranger = await virtualAuthenticator(popup);
    expect(await stranger.credentials()).toEqual([]);
    await lock(popup);
    await click(popup, UNLOCK_WITH_PASSKEY);
    await alert(popup, 'The passkey was not used');
    expect((await send('app.status', {})).state).toBe('locked');
    const focused = await popup.evaluate(() => document.activeElement?.getAttribute('type'));
    expect(focused).toBe('password');
    await fill(popup, 'Account password', PASSWORD);
    await click(popup, 'Unlock');
    await popup.waitForSelector('[data-ready][data-count="1"]', { timeout: 20_000 });
  });

  it('is removed in Settings: then only the password unlocks', async () => {
    await click(popup, 'Settings');
    await click(popup, 'Remove passkey unlock');
    await click(popup, 'Remove');
    await popup.waitForSelector(aria('Set up passkey unlock…', 'button'), { timeout: 20_000 });
    expect(await send('passkey.status', {})).toMatchObject({ enrolled: false });
    await lock(popup);
    expect(await popup.$(aria(UNLOCK_WITH_PASSKEY, 'button'))).toBeNull();
    expect(await popup.$('[data-passkey-pause]')).toBeNull();
  });
});

describe('firefox: unlock with a passkey', () => {
  const extensionDir = builtExtensionDir('firefox');
  let firefox: ExtensionBrowser;
  afterAll(async () => {
    await firefox?.close();
  });

  it('says why Firefox cannot, instead of offering it', async () => {
    firefox = await launchBrowser('firefox', { extensionDir, serverUrl: server.url });
    const send = await signedUp(firefox, extensionDir, server, 'passkey-firefox');
    const popup = await openPopup(firefox);
    await click(popup, 'Settings');
    await waitForText(popup, 'Firefox does not let extensions use passkeys for themselves yet');
    expect(await popup.$(aria('Set up passkey unlock…', 'button'))).toBeNull();
    await send('session.lock', {});
    const locked = await openPopup(firefox);
    await heading(locked, 'Unlock Cassaforte');
    expect(await locked.$(aria(UNLOCK_WITH_PASSKEY, 'button'))).toBeNull();
  });
});

/** The vault key, from a second device's sign-in (the protocol's own way to it). */
async function vaultKeyOf(send: Send): Promise<Uint8Array> {
  const info = await send('app.status', {});
  const kit = await send('account.revealKit', { password: PASSWORD });
  const other = await signInOtherDevice({
    serverUrl: server.url,
    email: info.email!,
    password: PASSWORD,
    accountKey: kit.accountKey,
  });
  return other.ctx.vk;
}
