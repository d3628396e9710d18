import { describe, expect, it } from 'vitest';
import { choosePage, type ItemRow } from './sync-page';

const row = (id: string, rev: number, chars = 1): ItemRow => ({
  id,
  rev,
  deleted: 0,
  blob: 'A'.repeat(chars),
});
const never = () => Promise.reject(new Error('not expected'));

describe('choosePage', () => {
  it('returns everything when the fetch did not reach the limit', async () => {
    const rows = [row('a', 1), row('b', 2)];
    expect(await choosePage(rows, 5, 100, never)).toEqual({ items: rows, complete: true });
  });

  it('drops a revision the limit may have cut', async () => {
    const rows = [row('a', 1), row('b', 2), row('c', 2)];
    expect(await choosePage(rows, 2, 100, never)).toEqual({
      items: [row('a', 1)],
      complete: false,
    });
  });

  it('loads the first revision whole when it alone passes the limit', async () => {
    const whole = [row('a', 3), row('b', 3), row('c', 3), row('d', 3)];
    const page = await choosePage(whole.slice(0, 3), 2, 100, (rev) =>
      Promise.resolve(whole.filter((r) => r.rev === rev)),
    );
    expect(page).toEqual({ items: whole, complete: false });
  });

  it('stops at the size budget on a revision boundary, keeping at least one revision', async () => {
    const rows = [row('a', 1, 60), row('b', 2, 60), row('c', 3, 10)];
    expect(await choosePage(rows, 10, 100, never)).toEqual({ items: [rows[0]], complete: false });
    expect(await choosePage([row('big', 1, 500)], 10, 100, never)).toEqual({
      items: [row('big', 1, 500)],
      complete: true,
    });
  });
});
