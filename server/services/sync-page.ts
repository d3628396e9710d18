/** A stored item as the pull query returns it (ordered by rev, then id). */
export interface ItemRow {
  id: string;
  rev: number;
  deleted: number;
  blob: string | null;
}

export interface PageChoice {
  items: ItemRow[];
  /** True when `items` are all that is left up to the account's revision. */
  complete: boolean;
}

/**
 * Cuts one page out of `rows` (fetched with LIMIT limit + 1) without splitting a revision: one push
 * stores all its changes at one revision, and the cursor is a revision, so a half-sent revision
 * would be skipped for good. The first revision is always taken whole (`fetchWhole` loads it when
 * the fetch cut it), even past `limit` or `maxChars`; a push holds at most 500 changes.
 */
export async function choosePage(
  rows: ItemRow[],
  limit: number,
  maxChars: number,
  fetchWhole: (rev: number) => Promise<ItemRow[]>,
): Promise<PageChoice> {
  const fetchedAll = rows.length <= limit;
  const groups: ItemRow[][] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last !== undefined && last[0]?.rev === row.rev) last.push(row);
    else groups.push([row]);
  }
  // Past the limit the last revision may continue beyond what was fetched.
  if (!fetchedAll) {
    const cut = groups.pop();
    if (groups.length === 0 && cut !== undefined && cut[0] !== undefined) {
      groups.push(await fetchWhole(cut[0].rev));
    }
  }
  const items: ItemRow[] = [];
  let chars = 0;
  let taken = 0;
  for (const group of groups) {
    const groupChars = group.reduce((sum, r) => sum + (r.blob?.length ?? 0), 0);
    if (taken > 0 && chars + groupChars > maxChars) break;
    items.push(...group);
    chars += groupChars;
    taken += 1;
  }
  return { items, complete: fetchedAll && taken === groups.length };
}
