/**
 * Tags merge as a set, three-way (merge.ts): a tag either side added is kept, and a tag one side
 * removed stays removed unless the other side added it anew. Unlike URLs, a tag decides nothing
 * about where a secret goes, so two devices' changes never conflict; the only way out is the item's
 * limits (too many tags together), which merge.ts turns into a kept-both conflict.
 */
export function mergeTags(
  base: readonly string[],
  local: readonly string[],
  remote: readonly string[],
): string[] {
  const key = (tag: string) => tag.toLocaleLowerCase();
  const [b, l, r] = [base, local, remote].map((tags) => new Set(tags.map(key))) as [
    Set<string>,
    Set<string>,
    Set<string>,
  ];
  const kept = (tag: string) => {
    const k = key(tag);
    const inLocal = l.has(k);
    const inRemote = r.has(k);
    return (inLocal && inRemote) || (!b.has(k) && (inLocal || inRemote));
  };
  const seen = new Set<string>();
  // Local order first, then what only the remote side has, in its order.
  return [...local, ...remote].filter((tag) => {
    const k = key(tag);
    if (seen.has(k) || !kept(tag)) return false;
    seen.add(k);
    return true;
  });
}
