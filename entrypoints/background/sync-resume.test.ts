/**
 * A vault kept on this device only (DESIGN §5) is never uploaded because the server says the
 * account syncs again: the server is in the threat model as hostile (README, "Against a hostile
 * server"), and one that lies 'cloud' would otherwise get every item made since the user chose
 * "this device only". The device stays off, says so with its own code, and uploads only once
 * the user asks (sync.setMode 'cloud', the popup's "Sync this device again").
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '@/lib/vault/item';
import { signInOtherDevice, type OtherDevice } from '@/tests/support/other-device';
import { forceSyncModeRow, itemRowsOf } from '@/tests/support/server-rows';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const titles = async () =>
  (await ask('vault.list', { query: '' })).items.map((i) => i.title).sort();
/** Pushes that carried items: what must not happen before the user says so. */
const uploads = () =>
  env.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path === '/v1/sync' &&
      ((r.body as { changes?: unknown[] } | undefined)?.changes?.length ?? 0) > 0,
  );
const liveRows = (email: string) =>
  itemRowsOf(env.server.dataDir, email).filter((r) => r.deleted === 0);
const otherTitles = async (other: OtherDevice) =>
  [...(await other.items()).values()].map((v) => v.item.title).sort();
const pushedElsewhere = {
  ...login({ title: 'From the other device' }),
  id: 'id-from-the-other-device',
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
} as Item;

/** Ways the server comes to say 'cloud' again: honestly, or on its own. */
const flips: [string, (other: OtherDevice, email: string) => Promise<unknown>][] = [
  ['another device turns sync back on', (other) => other.api.setSyncMode(other.token, 'cloud')],
  [
    'a lying server flips its own database row',
    async (_other, email) => forceSyncModeRow(env.server.dataDir, email, 'cloud'),
  ],
];

describe('a vault kept on this device only, when the server says the account syncs again', () => {
  it.each(flips)('%s: uploads nothing until the user asks, then merges', async (_how, flip) => {
    boot();
    const { email, kit } = await createAccount();
    await ask('vault.save', { item: login({ title: 'Synced before' }) });
    await ask('sync.now', {});
    expect(await ask('sync.setMode', { mode: 'local' })).toMatchObject({ state: 'off' });
    await ask('vault.save', { item: login({ title: 'Made apart', password: 'apart-secret' }) });
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const before = uploads().length;
    await flip(other, email);
    await other.push(pushedElsewhere, 0);

    const resumable = { state: 'off', localOnly: true, error: 'sync-resumable', pending: 1 };
    expect(await ask('sync.now', {})).toMatchObject(resumable);
    expect((await ask('app.status', {})).sync).toMatchObject(resumable);
    // A lock and the next unlock ask the server again, and still send nothing.
    await ask('session.lock', {});
    await ask('session.unlock', { password: PASSWORD });
    expect(await ask('sync.now', {})).toMatchObject(resumable);
    expect(uploads()).toHaveLength(before);
    expect(liveRows(email)).toHaveLength(1);
    expect(await otherTitles(other)).toEqual(['From the other device']);

    // The user says so: this device uploads its vault and merges with what the server has.
    const after = await ask('sync.setMode', { mode: 'cloud' });
    expect(after).toMatchObject({ state: 'idle', pending: 0 });
    expect(after.localOnly).toBeUndefined();
    expect(after.error).toBeUndefined();
    const all = ['From the other device', 'Made apart', 'Synced before'];
    expect(await titles()).toEqual(all);
    expect(await otherTitles(other)).toEqual(all);
    expect(liveRows(email)).toHaveLength(3);
  });
});
