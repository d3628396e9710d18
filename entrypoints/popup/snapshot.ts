/**
 * The popup's first paint without the worker (issue 9): the list and status the background last
 * left in storage.session (`listSnapshot`, services/list-snapshot.ts). Chrome stops an idle worker
 * after ~30 s, so most opens meet a stopped one, which needs ~0.8 s to decrypt 10,000 items again.
 * The snapshot is painted at once and replaced by the worker's answer when it comes; it is used
 * only while the auto-lock deadline has not passed (the lock wipes it anyway).
 */
import type { AppStatus, ItemSummary } from '@/lib/messaging/protocol';
import { getStored } from '@/lib/storage/store';
import { hostOf, siteOf } from '@/lib/vault/search-text';

export interface Snapshot {
  status: AppStatus;
  rows: ItemSummary[];
  total: number;
}

let read: Promise<Snapshot | undefined> | undefined;

/** Reads the snapshot once per popup; undefined if there is none or its time is up. */
export function snapshot(): Promise<Snapshot | undefined> {
  read ??= Promise.all([getStored('listSnapshot'), getStored('lockDeadline')])
    .then(([saved, lockAt]) => {
      if (!saved || lockAt === undefined || lockAt <= Date.now() + 1_000) return undefined;
      const rows = JSON.parse(saved.rows) as ItemSummary[];
      return { status: { ...saved.status, lockAt }, rows, total: saved.total };
    })
    .catch(() => undefined);
  return read;
}

/** The snapshot's rows with this site's first, as the background orders them for the tab. */
export function rowsFor(rows: ItemSummary[], currentUrl: string | undefined): ItemSummary[] {
  const host = currentUrl ? hostOf(currentUrl) : undefined;
  if (!host) return rows;
  const site = siteOf(host);
  const here: ItemSummary[] = [];
  const rest: ItemSummary[] = [];
  for (const row of rows) {
    if (row.host && siteOf(row.host) === site) here.push({ ...row, onSite: true });
    else rest.push(row);
  }
  return here.length ? here.concat(rest) : rows;
}
