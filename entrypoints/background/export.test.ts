/**
 * The export message through the background's real listener (tests/support/background-harness.ts):
 * only the export page may ask, only unlocked, only with the account password; the answer holds
 * every visible item as the vault keeps it, an item a newer version wrote untouched, and never
 * the hidden site preferences.
 */
import { describe, expect, it } from 'vitest';
import { sealJson } from '@/lib/crypto';
import { emptySitePrefs, withSite } from '@/lib/vault/site-prefs';
import {
  PASSWORD,
  ask,
  createAccount,
  env,
  login,
  newDevice,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { signInOtherDevice } from '@/tests/support/other-device';
import { contentSender, extensionOrigin, popupSender, sendAs } from '@/tests/support/senders';

useBackgroundHarness();

const exportPage = () => ({ ...popupSender(), url: `${extensionOrigin()}/export.html` });

async function exportAs(sender: ReturnType<typeof popupSender>, password: string) {
  const answer = await sendAs(sender, 'export.items', { password });
  if (!answer.ok) throw Object.assign(new Error(answer.error.code), { code: answer.error.code });
  return answer.data;
}
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: { code?: string }) => error.code,
  );

describe('export.items', () => {
  it('hands the export page every item after the account password, and nobody else anything', async () => {
    newDevice();
    const { kit } = await createAccount();
    const github = await ask('vault.save', { item: login({ title: 'GitHub' }) });
    const note = await ask('vault.save', {
      item: { type: 'note', title: 'Wi-Fi', notes: 'Casa: segreto' },
    });
    await ask('sync.now', {});
    // Another device writes an item of a type no version has yet, and the site preferences.
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email: kit.email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const future = { id: 'future-1', type: 'passkey', title: 'Passkey', revision: 1, rp: 'x.it' };
    const prefs = withSite(emptySitePrefs(1), 'never-save', 'example.com', 1);
    const seal = (value: { id: string }) => sealJson({ ...other.ctx, itemId: value.id, value });
    await other.api.push(other.token, {
      epoch: other.ctx.epoch,
      changes: [
        { id: future.id, baseRev: 0, blob: await seal(future) },
        { id: prefs.id, baseRev: 0, blob: await seal(prefs) },
      ],
    });
    await ask('sync.now', {});

    expect(await code(exportAs(popupSender(), PASSWORD))).toBe('forbidden-sender');
    expect(await code(exportAs(contentSender('https://evil.example/'), PASSWORD))).toBe(
      'forbidden-sender',
    );
    expect(await code(exportAs(exportPage(), 'not the password'))).toBe('wrong-password');

    const exported = await exportAs(exportPage(), PASSWORD);
    const byId = new Map(exported.items.map((item) => [item.id, item]));
    expect([...byId.keys()].sort()).toEqual([future.id, github.id, note.id].sort());
    expect(byId.get(github.id)).toEqual(await ask('vault.get', { id: github.id }));
    expect(byId.get(note.id)).toEqual(await ask('vault.get', { id: note.id }));
    expect(byId.get(future.id)).toEqual(future);
    expect(exported.unreadable).toBe(0);
    expect(exported.accountKdf).toEqual({ ops: 2, memBytes: 19 * 1024 * 1024 });

    await ask('session.lock', {});
    expect(await code(exportAs(exportPage(), PASSWORD))).toBe('locked');
    expect(await refusal(ask('vault.list', { query: '' }))).toBe('locked');
  });
});
