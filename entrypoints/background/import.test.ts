/**
 * The one-shot import through the background's real message listener, the real crypto and the
 * real sync server (tests/support/background-harness.ts): what the page sends after reading a
 * file, and what the vault, the outbox and another device then hold.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ImportCandidate } from '@/lib/import';
import { jsonExport } from '@/lib/export/plain';
import { makeLogin } from '@/lib/import/fields';
import { MAX_LIST } from '@/lib/messaging/limits';
import { fixture, parsed, textFile } from '@/tests/support/import-fixtures';
import { signInOtherDevice } from '@/tests/support/other-device';
import { contentSender, sendAs } from '@/tests/support/senders';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

let runs = 0;
const runId = () => `test-run-${++runs}-${Date.now()}`;
const total = async () => (await ask('vault.list', { query: '' })).total;

function logins(n: number, tag = 'Bulk'): ImportCandidate[] {
  return Array.from({ length: n }, (_, i) =>
    makeLogin({
      title: `site ${i}`,
      username: `user${i}`,
      password: `pw-${i}`,
      urls: [`https://site${i}.example`],
      tags: [tag],
      source: { kind: 'row', at: i + 2 },
    }),
  );
}

describe('import', () => {
  it('writes a file, syncs it to another device, and a second import with skip adds nothing', async () => {
    const background = boot();
    const { email, kit } = await createAccount();
    const { candidates } = await parsed(fixture('bitwarden.json'));

    expect(await ask('import.match', { candidates })).toEqual({
      new: candidates.length,
      same: 0,
      changed: 0,
      room: MAX_LIST,
    });
    const id = runId();
    const first = await ask('import.run', { runId: id, candidates, onMatch: 'skip' });
    expect(first).toEqual({ imported: candidates.length, updated: 0, skipped: 0 });
    expect(await ask('import.progress', { runId: id })).toEqual({
      phase: 'done',
      done: candidates.length,
      total: candidates.length,
    });
    const rows = (await ask('vault.list', { query: '' })).items;
    expect(rows.map((row) => row.type).sort()).toEqual(candidates.map((c) => c.type).sort());
    expect(rows.find((row) => row.title === 'Aruba PEC')).toBeDefined();

    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const onServer = [...(await other.items()).values()].map(({ item }) => item);
    expect(onServer).toHaveLength(candidates.length);
    expect(onServer.find((item) => item.title === 'Aruba PEC')).toMatchObject({
      type: 'login',
      tags: ['Lavoro'],
    });

    expect(await ask('import.match', { candidates })).toMatchObject({
      new: 0,
      same: candidates.length,
    });
    const again = await ask('import.run', { runId: runId(), candidates, onMatch: 'skip' });
    expect(again).toEqual({ imported: 0, updated: 0, skipped: candidates.length });
    expect(await total()).toBe(candidates.length);
    expect(await background.store.pendingBatch(100)).toEqual([]);
  });

  it('handles items already in the vault as chosen: keep both, or update with the old password kept', async () => {
    boot();
    await createAccount();
    const saved = await ask('vault.save', {
      item: login({
        username: 'ada',
        password: 'old-pw',
        urls: [{ url: 'https://github.com', match: 'domain' }],
      }),
    });
    const { candidates } = await parsed(
      textFile(
        'name,url,username,password,note\n' +
          'GitHub,https://github.com/login,ada,new-pw,\n' +
          'Other,https://other.example,bob,pw,\n',
      ),
    );
    expect(await ask('import.match', { candidates })).toMatchObject({ new: 1, changed: 1 });

    const both = await ask('import.run', { runId: runId(), candidates, onMatch: 'keepBoth' });
    expect(both).toEqual({ imported: 2, updated: 0, skipped: 0 });
    expect(await total()).toBe(3);

    // The two GitHub logins now in the vault: updating touches the first one matched only.
    const update = await ask('import.run', { runId: runId(), candidates, onMatch: 'update' });
    expect(update).toMatchObject({ imported: 0 });
    expect(await total()).toBe(3);
    const item = await ask('vault.get', { id: saved.id });
    expect(item).toMatchObject({ password: 'new-pw', revision: saved.revision + 1 });
    expect(item.type === 'login' && item.passwordHistory.map((h) => h.password)).toEqual([
      'old-pw',
    ]);
  });

  it('writes nothing when one item in the middle cannot be made', async () => {
    const background = boot();
    await createAccount();
    const candidates = logins(500);
    // A folder name longer than a tag may be: the vault refuses that item, so the import stops.
    candidates[250] = { ...candidates[250]!, tags: ['x'.repeat(200)] };
    expect(await refusal(ask('import.run', { runId: runId(), candidates, onMatch: 'skip' }))).toBe(
      'invalid-item',
    );
    expect(await total()).toBe(0);
    expect(await background.store.count()).toBe(0);
    expect(await background.store.pendingBatch(10)).toEqual([]);
  });

  it('writes nothing when the vault locks during the import', async () => {
    const background = boot();
    await createAccount();
    const id = runId();
    // Observed from the start, so its refusal is never an unhandled rejection.
    const running = refusal(
      ask('import.run', { runId: id, candidates: logins(3000), onMatch: 'skip' }),
    );
    await vi.waitFor(async () => {
      expect((await ask('import.progress', { runId: id })).done).toBeGreaterThan(0);
    });
    await ask('session.lock', {});
    expect(await running).toBe('locked');
    await ask('session.unlock', { password: PASSWORD });
    expect(await total()).toBe(0);
    expect(await background.store.count()).toBe(0);
  });

  it('refuses a file over the room left in the vault, and everything while locked', async () => {
    boot();
    await createAccount();
    await ask('vault.save', { item: login() });
    const candidates = logins(MAX_LIST);
    expect((await ask('import.match', { candidates })).room).toBe(MAX_LIST - 1);
    expect(await refusal(ask('import.run', { runId: runId(), candidates, onMatch: 'skip' }))).toBe(
      'too-many-items',
    );
    expect(await total()).toBe(1);

    await ask('session.lock', {});
    const few = logins(2);
    expect(await refusal(ask('import.match', { candidates: few }))).toBe('locked');
    expect(
      await refusal(ask('import.run', { runId: runId(), candidates: few, onMatch: 'skip' })),
    ).toBe('locked');
  });

  it("brings a Cassaforte export's items back whole: history, tags, code, favourite", async () => {
    boot();
    await createAccount();
    const original = {
      ...login({
        title: 'Posta',
        password: 'now-9f1',
        otp: 'otpauth://totp/Posta?secret=JBSWY3DPEHPK3PXP',
      }),
      id: 'exported-1',
      createdAt: 1_600_000_000_000,
      updatedAt: 1_700_000_000_000,
      favorite: true,
      tags: ['Lavoro', 'Posta/Archivio'],
      passwordHistory: [{ password: 'before-2c7', replacedAt: 1_650_000_000_000 }],
      revision: 7,
    };
    const { candidates } = await parsed(
      textFile(jsonExport([original], 1_750_000_000_000), 'x.json'),
    );
    await ask('import.run', { runId: runId(), candidates, onMatch: 'skip' });
    const [row] = (await ask('vault.list', { query: '' })).items;
    const item = await ask('vault.get', { id: row!.id });
    const { id: _id, revision: _revision, updatedAt: _updatedAt, ...kept } = original;
    expect(item).toMatchObject(kept);
  });

  it('is for extension pages only', async () => {
    boot();
    await createAccount();
    const answer = await sendAs(contentSender('https://evil.example/'), 'import.run', {
      runId: runId(),
      candidates: logins(1),
      onMatch: 'skip',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await total()).toBe(0);
  });
});
