import { describe, expect, it } from 'vitest';
import {
  emptyLogin,
  ITEM_LIMITS,
  itemJsonBytes,
  MAX_ITEM_JSON_BYTES,
  safeNormalizeItem,
  type LoginItem,
} from './item';
import { mergeItems } from './merge';
import { fitHistory, mergePasswordHistories, withReplacedPassword } from './password-history';

const entry = (password: string, replacedAt: number) => ({ password, replacedAt });

describe('password history', () => {
  it('keeps the ten newest replaced passwords, newest first', () => {
    let history = withReplacedPassword([], 'p0', 1_000);
    for (let i = 1; i <= 12; i++) history = withReplacedPassword(history, `p${i}`, 1_000 + i);
    expect(history).toHaveLength(ITEM_LIMITS.passwordHistory);
    expect(history.map((e) => e.password)).toEqual([
      'p12',
      'p11',
      'p10',
      'p9',
      'p8',
      'p7',
      'p6',
      'p5',
      'p4',
      'p3',
    ]);
  });

  it('is part of the item schema: default empty, more than ten refused, read newest first', () => {
    const login = safeNormalizeItem({ ...emptyLogin('a', 1), passwordHistory: undefined });
    expect(login?.type === 'login' && login.passwordHistory).toEqual([]);
    const eleven = Array.from({ length: 11 }, (_, i) => entry(`p${i}`, i));
    expect(safeNormalizeItem({ ...emptyLogin('a', 1), passwordHistory: eleven })).toBeUndefined();
    const shuffled = safeNormalizeItem({
      ...emptyLogin('a', 1),
      passwordHistory: [entry('old', 1), entry('newer', 3), entry('mid', 2)],
    });
    expect(shuffled?.type === 'login' && shuffled.passwordHistory.map((e) => e.password)).toEqual([
      'newer',
      'mid',
      'old',
    ]);
  });

  it('keeps a field a newer version adds to an entry', () => {
    const item = safeNormalizeItem({
      ...emptyLogin('a', 1),
      passwordHistory: [{ ...entry('old', 1), device: 'phone' }],
    });
    expect(item?.type === 'login' && item.passwordHistory[0]).toMatchObject({ device: 'phone' });
  });

  it('drops the oldest entries, not the save, when the item would pass its size limit', () => {
    const big: LoginItem = {
      ...emptyLogin('a', 1),
      notes: 'é'.repeat(20_000), // two bytes each in UTF-8
      passwordHistory: Array.from({ length: 10 }, (_, i) => entry('x'.repeat(1024), 10 - i)),
    };
    expect(itemJsonBytes(big)).toBeGreaterThan(MAX_ITEM_JSON_BYTES);
    const fitted = fitHistory(big);
    expect(itemJsonBytes(fitted)).toBeLessThanOrEqual(MAX_ITEM_JSON_BYTES);
    expect(fitted.passwordHistory.length).toBeGreaterThan(0);
    expect(fitted.passwordHistory.length).toBeLessThan(10);
    expect(fitted.passwordHistory[0]).toEqual(big.passwordHistory[0]); // the newest stays
    expect(safeNormalizeItem(fitted)).toBeDefined();
  });
});

describe('merging password histories', () => {
  const base: LoginItem = {
    ...emptyLogin('item', 1),
    title: 'GitHub',
    password: 'first',
    passwordHistory: [entry('zeroth', 500)],
  };

  it('is a union without repeats, newest first, capped', () => {
    const local = [entry('a', 3), entry('b', 1)];
    const remote = [entry('c', 2), entry('b', 1)];
    expect(mergePasswordHistories(local, remote)).toEqual([
      entry('a', 3),
      entry('c', 2),
      entry('b', 1),
    ]);
    const many = Array.from({ length: 8 }, (_, i) => entry(`l${i}`, 100 + i));
    const more = Array.from({ length: 8 }, (_, i) => entry(`r${i}`, 200 + i));
    const merged = mergePasswordHistories(many, more);
    expect(merged).toHaveLength(10);
    expect(merged[0]).toEqual(entry('r7', 207));
  });

  it('keeps the replaced password when one device changed it and the other the title', () => {
    const local = {
      ...base,
      password: 'second',
      passwordHistory: [entry('first', 2_000), ...base.passwordHistory],
      updatedAt: 2_000,
    };
    const remote = { ...base, title: 'GitHub (work)', updatedAt: 3_000 };
    const result = mergeItems(base, local, remote);
    if (result.conflict) throw new Error('expected a clean merge');
    expect(result.merged).toMatchObject({
      password: 'second',
      title: 'GitHub (work)',
      passwordHistory: [entry('first', 2_000), entry('zeroth', 500)],
    });
  });

  it('loses neither entry when both devices replaced the same password', () => {
    const at = (when: number) => ({
      ...base,
      password: 'second',
      passwordHistory: [entry('first', when), ...base.passwordHistory],
      updatedAt: when,
    });
    const result = mergeItems(base, at(2_000), at(2_500));
    if (result.conflict) throw new Error('expected a clean merge');
    expect(result.merged?.type === 'login' && result.merged.passwordHistory).toEqual([
      entry('first', 2_500),
      entry('first', 2_000),
      entry('zeroth', 500),
    ]);
  });

  it('puts both histories into both copies of a password conflict', () => {
    const local = {
      ...base,
      password: 'laptop',
      passwordHistory: [entry('first', 2_000), ...base.passwordHistory],
    };
    const remote = {
      ...base,
      password: 'phone',
      passwordHistory: [entry('first', 2_100), ...base.passwordHistory],
    };
    const result = mergeItems(base, local, remote);
    if (!result.conflict) throw new Error('expected a conflict');
    expect(result.fields).toEqual(['password']);
    for (const side of [result.local, result.remote]) {
      expect(side.type === 'login' && side.passwordHistory.map((e) => e.replacedAt)).toEqual([
        2_100, 2_000, 500,
      ]);
    }
  });
});
