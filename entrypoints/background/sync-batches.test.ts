/**
 * An outbox larger than one push (an import): the background sends it batch by batch, reading
 * and sending the next batch while the last one is acknowledged, and edits made while a batch is
 * in flight are neither lost nor pushed twice over themselves. Through the real message listener,
 * the real crypto and the real sync server (tests/support/background-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/api';
import { makeLogin } from '@/lib/import/fields';
import { signInOtherDevice } from '@/tests/support/other-device';
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

// Two batches: the first item's edit, made while the first is in flight, lands in the read of
// the second, which is made before the first is acknowledged (the pipeline's race).
const COUNT = LIMITS.changesPerBatch + 100;

describe('pushing a large outbox', () => {
  it('sends every batch and keeps edits made while one was in flight', async () => {
    const background = boot();
    const { email, kit } = await createAccount();
    const candidates = Array.from({ length: COUNT }, (_, i) =>
      makeLogin({
        title: `site ${i}`,
        username: `user${i}`,
        password: `pw-${i}`,
        urls: [`https://site${i}.example`],
        tags: [],
        source: { kind: 'row', at: i + 2 },
      }),
    );
    env.offline = true; // written first, pushed below in one run
    await ask('import.run', { runId: 'batches-run', candidates, onMatch: 'skip' });
    const ids = new Map((await ask('vault.list', { query: '' })).items.map((r) => [r.title, r.id]));
    const first = (await background.store.pendingBatch(1))[0]!.itemId;
    const last = ids.get(`site ${COUNT - 1}`)!;
    env.offline = false;

    // While the first batch is on its way back, edit an item it carries and one still waiting.
    let pushes = 0;
    const edited = new Map<string, string>();
    env.onAnswer = async (request) => {
      if (request.method !== 'POST' || request.path !== '/v1/sync' || ++pushes !== 1) return;
      for (const id of [first, last]) {
        const item = await ask('vault.get', { id });
        edited.set(id, `${item.title} (edited)`);
        await ask('vault.save', { item: { ...item, title: edited.get(id)! } });
      }
    };
    const cursor = (await background.store.getSyncState()).cursor;
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    env.onAnswer = undefined;
    expect(pushes).toBeGreaterThanOrEqual(2);
    expect(await background.store.pendingBatch(10)).toEqual([]);
    // Each push made one revision and nobody else wrote: the cursor passed them all, so the
    // next pull does not download the import back.
    const passed = (await background.store.getSyncState()).cursor;
    expect(passed).toBe(cursor + pushes);
    const since = env.requests
      .filter((r) => r.method === 'GET' && r.path === '/v1/sync')
      .map((r) => Number(new URLSearchParams(r.search).get('since')));
    expect(since.filter((rev) => rev > cursor && rev < passed)).toEqual([]);

    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const onServer = await other.items();
    expect(onServer.size).toBe(COUNT);
    // Both edits arrived, and as the items themselves: no conflict copies (the size above).
    for (const [id, title] of edited) expect(onServer.get(id)?.item.title).toBe(title);
    // And each without a detour through a conflict with our own push (a merge seals once more):
    // the first edit waited for the acknowledgement of the batch that carried its item.
    for (const id of edited.keys()) expect(onServer.get(id)?.item.revision).toBe(2);
    expect(edited.get(last)).toBe(`site ${COUNT - 1} (edited)`);
    expect((await ask('vault.list', { query: '' })).total).toBe(COUNT);
  });

  it('pushes, in the same run, what it merged after the server refused a push', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    await ask('vault.save', { item: { ...saved, password: 'changed-here' } });
    // Between this run's pull and its push, the other device changes another field.
    let pulls = 0;
    env.onAnswer = async (request) => {
      if (request.method !== 'GET' || request.path !== '/v1/sync' || ++pulls !== 1) return;
      const remote = (await other.items()).get(saved.id)!;
      await other.push({ ...remote.item, username: 'changed-there' }, remote.rev);
    };
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    env.onAnswer = undefined;
    const merged = { username: 'changed-there', password: 'changed-here' };
    expect((await other.items()).get(saved.id)?.item).toMatchObject(merged);
  });
});
