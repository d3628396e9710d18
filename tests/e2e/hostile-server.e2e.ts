/**
 * A hostile or broken server (issue 9, DESIGN §4), as a user sees it in the popup: real Chromium
 * and Firefox ESR from the same code, the built extension talking to the real server through the
 * lying proxy of tests/support/hostile-server.ts. Each case ends in a clear state on screen,
 * with nothing lost; every blob the extension pushed opens under the real vault key. The rest of
 * the cases (swapped and foreign blobs, dropped deltas, KDF lies after the proof, newer and older
 * data) run against the real background in entrypoints/background/hostile-server.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVaultKey, openJson, randomId, sealJson } from '@/lib/crypto';
import { signInOtherDevice, type OtherDevice } from '@/tests/support/other-device';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import { BackgroundRefused, messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { inVault, openPopup, shot, waitForText } from './popup-page';
import { createAccount } from '../support/accounts';

const PASSWORD = 'quiet-lantern-copper-harbor-3';

/** The sync line on the vault screen says `text` after a click on it. */
async function syncAndSee(popup: Page, text: string): Promise<void> {
  await popup.locator('.sync-indicator').click();
  await popup.waitForFunction(
    (t) => document.querySelector('.sync-indicator')?.textContent?.includes(t),
    { timeout: 20_000 },
    text,
  );
}

describe.each(suiteBrowsers)('%s against a hostile server', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `hostile-${browserName}-${Date.now()}@example.com`;
  let server: E2eServer;
  let proxy: HostileServer;
  let extension: ExtensionBrowser;
  let send: ReturnType<typeof messenger>;
  let popup: Page;
  let other: OtherDevice;
  let accountKey = '';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startE2eServer();
    proxy = await startHostileServer({ target: server.url });
    extension = await launchBrowser(browserName, { extensionDir, serverUrl: proxy.url });
    send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
    const kit = await createAccount(send, server, {
      email,
      password: PASSWORD,
      hint: '',
      serverUrl: proxy.url,
    });
    accountKey = kit.accountKey;
    await send('account.kitSaved', {});
    for (const title of ['GitHub', 'Bank', 'Mail']) {
      ids[title] = (await send('vault.save', { item: { type: 'login', title, notes: 'v1' } })).id;
    }
    await send('sync.now', {});
    const github = await send('vault.get', { id: ids.GitHub! });
    await send('vault.save', { item: { ...github, notes: 'v2' } });
    await send('sync.now', {});
    other = await signInOtherDevice({
      serverUrl: server.url,
      email,
      password: PASSWORD,
      accountKey,
    });
    popup = await openPopup(extension);
    await inVault(popup, 'GitHub');
  }, 90_000);
  afterAll(async () => {
    await extension?.close();
    await proxy?.close();
    await server?.close();
  });

  it('refuses an older copy and a forged delete, says which items, and keeps both', async () => {
    proxy.misbehave({ kind: 'replay-older-blob', itemId: ids.GitHub!, times: 1 });
    proxy.misbehave({ kind: 'forge-delete', itemId: ids.Bank!, times: 1 });
    await syncAndSee(popup, 'Synced just now');
    await waitForText(popup, '2 items could not be read from the server.');
    await waitForText(popup, '“GitHub”: the server sent an older copy than one you already had.');
    await waitForText(
      popup,
      '“Bank”: the server says it was deleted, but no device of yours signed that.',
    );
    await shot(popup, `view-sync-problems-${browserName}`);
    expect((await send('vault.get', { id: ids.GitHub! })).notes).toBe('v2');
    expect((await send('vault.get', { id: ids.Bank! })).title).toBe('Bank');
  });

  it('puts the good copy back on the server with the next edit, and the report goes away', async () => {
    for (const title of ['GitHub', 'Bank']) {
      const item = await send('vault.get', { id: ids[title]! });
      await send('vault.save', { item: { ...item, notes: 'v3' } });
    }
    await syncAndSee(popup, 'Synced just now');
    await popup.waitForFunction(() => !document.querySelector('.sync-problems'), {
      timeout: 20_000,
    });
    const there = await other.items();
    expect(there.get(ids.GitHub!)?.item.notes).toBe('v3');
    expect(there.get(ids.Bank!)?.item.notes).toBe('v3');
  });

  it('says when the server fails, answers nonsense or stops mid-answer, and keeps the edit', async () => {
    const mail = await send('vault.get', { id: ids.Mail! });
    await send('vault.save', { item: { ...mail, notes: 'kept while the server misbehaves' } });
    const cases = [
      [{ kind: 'status', status: 500 }, 'Sync failed'],
      [{ kind: 'malformed-json' }, 'Sync failed'],
      [{ kind: 'cut-body' }, 'Offline, 1 change waiting'],
    ] as const;
    for (const [misbehaviour, text] of cases) {
      proxy.misbehave({ ...misbehaviour, match: { path: '/v1/sync' } });
      await syncAndSee(popup, text);
      proxy.clear();
    }
    await syncAndSee(popup, 'Synced just now');
    expect((await other.items()).get(ids.Mail!)?.item.notes).toBe(
      'kept while the server misbehaves',
    );
  });

  it('stays usable while the server hangs, and delivers once it answers', async () => {
    proxy.misbehave({ kind: 'hang', match: { path: '/v1/sync' } });
    await popup.locator('.sync-indicator').click();
    await waitForText(popup, 'Syncing…');
    const saved = await send('vault.save', {
      item: { type: 'note', title: 'Written during the hang' },
    });
    await waitForText(popup, 'Written during the hang');
    proxy.clear();
    await syncAndSee(popup, 'Synced just now');
    expect((await other.items()).get(saved.id)?.item.title).toBe('Written during the hang');
  });

  it('refuses two items whose blobs the server swapped, names both, and keeps them', async () => {
    const wiki = await send('vault.save', { item: { type: 'login', title: 'Wiki', notes: 'w1' } });
    await send('sync.now', {});
    await send('sync.now', {}); // past our own push, so the swap is news
    proxy.misbehave({ kind: 'swap-blobs', itemIds: [ids.Mail!, wiki.id], times: 1 });
    await syncAndSee(popup, 'Synced just now');
    await waitForText(popup, '2 items could not be read from the server.');
    await waitForText(popup, "“Mail”: the server's copy does not open with your key.");
    await waitForText(popup, "“Wiki”: the server's copy does not open with your key.");
    expect((await send('vault.get', { id: wiki.id })).notes).toBe('w1');
    expect((await send('vault.get', { id: ids.Mail! })).title).toBe('Mail');
  });

  it("refuses another account's blob under one of this account's items", async () => {
    const forum = await send('vault.save', {
      item: { type: 'login', title: 'Forum', notes: 'f1' },
    });
    await send('sync.now', {});
    await send('sync.now', {}); // past our own push, so the lie is news
    const stranger = { vk: generateVaultKey(), accountId: randomId(), epoch: 1 };
    const value = { id: forum.id, type: 'login', title: 'Planted by the server', revision: 99 };
    const blob = await sealJson({ ...stranger, itemId: forum.id, value });
    proxy.misbehave({ kind: 'foreign-blob', itemId: forum.id, from: { blob }, times: 1 });
    await syncAndSee(popup, 'Synced just now');
    await waitForText(popup, "“Forum”: the server's copy does not open with your key.");
    expect((await send('vault.get', { id: forum.id })).notes).toBe('f1');
  });

  it('loses nothing when the server leaves a change out of a delta', async () => {
    const remote = (await other.items()).get(ids.GitHub!)!;
    await other.push(
      { ...remote.item, username: 'ada@work', revision: remote.item.revision + 1 },
      remote.rev,
    );
    proxy.misbehave({ kind: 'drop-items', itemIds: [ids.GitHub!], times: 1 });
    await syncAndSee(popup, 'Synced just now');
    // Not detectable by itself; the next edit here meets the change and merges it in.
    const github = await send('vault.get', { id: ids.GitHub! });
    await send('vault.save', { item: { ...github, title: 'GitHub (home)' } });
    await syncAndSee(popup, 'Synced just now');
    expect(await send('vault.get', { id: ids.GitHub! })).toMatchObject({
      title: 'GitHub (home)',
      username: 'ada@work',
    });
  });

  it('sealed everything it sent under the real vault key', async () => {
    const pushed = proxy.pushedChanges().filter((c) => c.blob);
    expect(pushed.length).toBeGreaterThan(5);
    for (const change of pushed) {
      await expect(
        openJson({ ...other.ctx, itemId: change.id, blob: change.blob! }),
      ).resolves.toBeDefined();
    }
  });

  it('refuses weak key derivation from the server at sign-in, and says why', async () => {
    await send('account.signOut', {});
    proxy.misbehave({ kind: 'kdf-params', ops: 1, memBytes: 8 * 1024 * 1024 });
    const signIn = { email, password: PASSWORD, accountKey, serverUrl: proxy.url };
    const refused = await send('account.signIn', signIn).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackgroundRefused);
    expect((refused as BackgroundRefused).code).toBe('weak-kdf');
    proxy.clear();
    // Another salt: the proof of the password fails, so nothing is unwrapped with it.
    proxy.misbehave({ kind: 'kdf-salt' });
    const salted = await send('account.signIn', signIn).catch((error: unknown) => error);
    expect((salted as BackgroundRefused).code).toBe('wrong-credentials');
    proxy.clear();
    expect((await send('account.signIn', signIn)).state).toBe('unlocked');
  });
});
