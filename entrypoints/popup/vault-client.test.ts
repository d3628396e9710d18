/** The popup's paging of the list: first page at once, the rest after the paint, all in order. */
import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '@/lib/messaging/protocol';
import {
  FIRST_PAGE,
  NEXT_PAGE,
  pageThrough,
  targetTabId,
  type ListPage,
  type ListView,
} from './vault-client';

function summaries(count: number, prefix = 'item'): ItemSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    type: 'login' as const,
    title: `${prefix} ${i}`,
    favorite: false,
    ...(i < 3 ? { onSite: true } : {}),
  }));
}

/** A stand-in for the background: pages of `list()`, stamped with `revision()`. */
function background(list: () => ItemSummary[], revision: () => number = () => 1) {
  const asked: Array<[number, number]> = [];
  const fetch = (offset: number, limit: number): Promise<ListPage> => {
    asked.push([offset, limit]);
    const all = list();
    return Promise.resolve({
      items: all.slice(offset, offset + limit),
      total: all.length,
      matched: all.length,
      revision: revision(),
    });
  };
  return { fetch, asked };
}

async function collect(
  fetch: (offset: number, limit: number) => Promise<ListPage>,
  options: Parameters<typeof pageThrough>[2] = {},
) {
  const views: ListView[] = [];
  let paints = 0;
  await pageThrough(fetch, (view) => views.push(view), {
    painted: () => {
      paints += 1;
      return Promise.resolve();
    },
    ...options,
  });
  return { views, paints };
}

describe('pageThrough', () => {
  it('shows a short list in one go', async () => {
    const { fetch, asked } = background(() => summaries(40));
    const { views, paints } = await collect(fetch);
    expect(asked).toEqual([[0, FIRST_PAGE]]);
    expect(paints).toBe(0);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ matched: 40, total: 40, complete: true });
    expect(views[0]?.items).toHaveLength(40);
  });

  it('shows the first page with the whole count, waits for the paint, then the rest in order', async () => {
    const all = summaries(10_000);
    const { fetch, asked } = background(() => all);
    let askedBeforePaint = -1;
    const views: ListView[] = [];
    await pageThrough(fetch, (view) => views.push(view), {
      painted: () => {
        askedBeforePaint = asked.length;
        return Promise.resolve();
      },
    });
    expect(askedBeforePaint).toBe(1); // nothing more is asked until the first page is painted
    expect(asked[0]).toEqual([0, FIRST_PAGE]);
    expect(asked.slice(1).every(([, limit]) => limit === NEXT_PAGE)).toBe(true);
    expect(views[0]).toMatchObject({ matched: 10_000, total: 10_000, complete: false });
    expect(views[0]?.items).toEqual(all.slice(0, FIRST_PAGE));
    expect(views[0]?.items.slice(0, 3).every((item) => item.onSite)).toBe(true);
    const last = views.at(-1);
    expect(last).toMatchObject({ matched: 10_000, complete: true });
    expect(last?.items).toEqual(all);
    // Each view only grows: rows already shown never change under the user.
    for (let i = 1; i < views.length; i++) {
      expect(views[i]?.items.slice(0, views[i - 1]?.items.length)).toEqual(views[i - 1]?.items);
    }
  });

  it('uses a first page asked for earlier', async () => {
    const all = summaries(500);
    const { fetch, asked } = background(() => all);
    const first = fetch(0, FIRST_PAGE);
    asked.length = 0;
    const { views } = await collect(fetch, { first });
    expect(asked[0]).toEqual([FIRST_PAGE, NEXT_PAGE]);
    expect(views.at(-1)?.items).toEqual(all);
  });

  it('starts over when the vault changes between pages, showing only the new whole list', async () => {
    let list = summaries(5_000);
    let revision = 1;
    const { fetch } = background(
      () => list,
      () => revision,
    );
    const views: ListView[] = [];
    await pageThrough(fetch, (view) => views.push(view), {
      painted: () => {
        // A sync lands while the first page is on screen.
        list = summaries(5_001, 'synced');
        revision = 2;
        return Promise.resolve();
      },
    });
    expect(views[0]).toMatchObject({ matched: 5_000, complete: false });
    expect(views).toHaveLength(2); // no partial list of the new revision flashes by
    expect(views[1]).toMatchObject({ matched: 5_001, complete: true });
    expect(views[1]?.items).toEqual(list);
  });

  it('takes the whole list in one reply when the pages keep changing', async () => {
    const list = summaries(300);
    let revision = 0;
    const { fetch, asked } = background(
      () => list,
      () => (revision += 1),
    );
    const { views } = await collect(fetch);
    expect(asked.at(-1)).toEqual([0, 20_000]);
    expect(views.at(-1)).toMatchObject({ matched: 300, complete: true });
    expect(views.at(-1)?.items).toEqual(list);
  });

  it('on a refresh shows only the whole list', async () => {
    const all = summaries(1_000);
    const { fetch } = background(() => all);
    const { views, paints } = await collect(fetch, { partial: false });
    expect(paints).toBe(0);
    expect(views).toHaveLength(1);
    expect(views[0]?.items).toEqual(all);
  });

  it('stops asking once aborted (a newer search replaced it)', async () => {
    const { fetch, asked } = background(() => summaries(10_000));
    const controller = new AbortController();
    const { views } = await collect(fetch, {
      signal: controller.signal,
      painted: () => {
        controller.abort();
        return Promise.resolve();
      },
    });
    expect(asked).toHaveLength(1);
    expect(views).toHaveLength(1);
    expect(views[0]?.complete).toBe(false);
  });
});

describe('the tab the popup works on', () => {
  it('is the active tab (undefined) for the toolbar popup, without ?tab=', () => {
    expect(targetTabId('')).toBeUndefined();
    expect(targetTabId('?other=1')).toBeUndefined();
    expect(targetTabId('?tab=')).toBeUndefined();
    expect(targetTabId('?tab=-1')).toBeUndefined();
    expect(targetTabId('?tab=1e3')).toBeUndefined();
  });

  it('is the given tab in a window of its own', () => {
    expect(targetTabId('?tab=0')).toBe(0);
    expect(targetTabId('?tab=1897596688')).toBe(1897596688);
  });
});
