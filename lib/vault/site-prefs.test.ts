import { describe, expect, it } from 'vitest';
import { ITEM_LIMITS, safeNormalizeItem, type SitePrefsItem } from './item';
import { mergeItems } from './merge';
import { emptySitePrefs, mergeSitePrefs, sitesOf, withSite, withoutSite } from './site-prefs';

const sites = (record: SitePrefsItem, kind: 'never-save' | 'never-menu' = 'never-save') =>
  sitesOf(record, kind).map((entry) => entry.site);

const base = withSite(
  withSite(emptySitePrefs(1), 'never-save', 'a.com', 10),
  'never-menu',
  'm.com',
  11,
);

describe('the site preferences record', () => {
  it('is a valid vault record, kept sorted, each site once', () => {
    let record = withSite(base, 'never-save', 'c.com', 20);
    record = withSite(record, 'never-save', 'b.com', 21);
    expect(withSite(record, 'never-save', 'b.com', 99)).toBe(record);
    expect(sites(record)).toEqual(['a.com', 'b.com', 'c.com']);
    expect(safeNormalizeItem(record)).toEqual(record);
    expect(sites(withoutSite(record, 'never-save', 'b.com'))).toEqual(['a.com', 'c.com']);
  });

  it('merges two devices’ additions to both lists: both win', () => {
    const local = withSite(base, 'never-save', 'laptop.com', 20);
    const remote = withSite(base, 'never-menu', 'phone.com', 21);
    const merged = mergeSitePrefs(base, local, remote);
    expect(sites(merged)).toEqual(['a.com', 'laptop.com']);
    expect(sites(merged, 'never-menu')).toEqual(['m.com', 'phone.com']);
  });

  it('keeps a removal made on one device while the other added a site', () => {
    const local = withoutSite(base, 'never-save', 'a.com');
    const remote = withSite(base, 'never-save', 'b.com', 20);
    expect(sites(mergeSitePrefs(base, local, remote))).toEqual(['b.com']);
    expect(sites(mergeSitePrefs(base, remote, local))).toEqual(['b.com']); // either side merging
  });

  it('keeps a site both devices added, with the earlier date', () => {
    const local = withSite(base, 'never-save', 'b.com', 30);
    const remote = withSite(base, 'never-save', 'b.com', 20);
    const merged = mergeSitePrefs(base, local, remote);
    expect(sitesOf(merged, 'never-save').find((e) => e.site === 'b.com')?.addedAt).toBe(20);
  });

  it('takes the union when there is no base (both devices made the record)', () => {
    const local = withSite(emptySitePrefs(5), 'never-save', 'laptop.com', 5);
    const remote = withSite(emptySitePrefs(6), 'never-save', 'phone.com', 6);
    expect(sites(mergeSitePrefs(undefined, local, remote))).toEqual(['laptop.com', 'phone.com']);
  });

  it('never becomes a conflict in mergeItems, with a base or without', () => {
    const local = withSite(base, 'never-save', 'laptop.com', 20);
    const remote = withoutSite(
      withSite(base, 'never-save', 'phone.com', 21),
      'never-menu',
      'm.com',
    );
    for (const agreed of [base, undefined]) {
      const result = mergeItems(agreed, { ...local, revision: 4 }, { ...remote, revision: 3 });
      if (result.conflict) throw new Error('expected a clean merge');
      expect(result.merged?.type).toBe('site-prefs');
      expect(sites(result.merged as SitePrefsItem)).toEqual(['a.com', 'laptop.com', 'phone.com']);
      expect(result.merged?.revision).toBe(4);
    }
    const withBase = mergeItems(base, local, remote);
    expect(!withBase.conflict && sites(withBase.merged as SitePrefsItem, 'never-menu')).toEqual([]);
  });

  it('stays within the limits when two devices’ additions together pass them, dropping the oldest', () => {
    const fill = (from: number, prefix: string) => {
      let record = emptySitePrefs(1);
      for (let i = 0; i < ITEM_LIMITS.sitePrefs; i++) {
        record = withSite(record, 'never-save', `${prefix}${i}.example`, from + i);
      }
      return record;
    };
    const merged = mergeSitePrefs(emptySitePrefs(1), fill(1_000, 'old'), fill(5_000, 'new'));
    expect(merged.neverSave).toHaveLength(ITEM_LIMITS.sitePrefs);
    expect(sites(merged).every((site) => site.startsWith('new'))).toBe(true);
    expect(safeNormalizeItem(merged)).toBeDefined();
  });
});
