/**
 * Password health (lib/messaging/health.ts): the report from the unlocked vault, with the weak
 * passwords as far as the page has scored them. Scores stay in memory, by item revision (an edit
 * raises it, so a changed password is scored again), and are dropped on lock.
 */
import type { HealthAnswer } from '@/lib/messaging/health';
import { healthCounts, healthReport } from '@/lib/vault/health';
import type { LoginItem } from '@/lib/vault/item';
import { hostOf } from '@/lib/vault/search-text';
import type { Handlers } from '../router';
import type { VaultContext, VaultService } from '../services/vault';

/** zxcvbn's scores 0–2 ("too guessable" to "somewhat guessable"): weak, as Bitwarden counts them. */
const WEAK_BELOW = 3;

export function createHealthHandlers(deps: {
  vault: VaultService;
  unlocked: () => Promise<VaultContext>;
  session: { onLock(listener: () => void): void };
  now?: () => number;
}) {
  const { vault, unlocked } = deps;
  const now = deps.now ?? Date.now;
  const scores = new Map<string, number>();
  deps.session.onLock(() => {
    scores.clear();
    cached = undefined;
  });
  const key = (login: LoginItem) => `${login.id}:${login.revision}`;

  function logins(): LoginItem[] {
    return vault.visibleItems().filter((item): item is LoginItem => item.type === 'login');
  }

  /** The last answer, while neither the vault nor the scores changed (every popup open asks). */
  let cached: { revision: number; scored: number; at: number; answer: HealthAnswer } | undefined;
  function answer(): HealthAnswer {
    const revision = vault.revision();
    const fresh = cached?.revision === revision && cached.scored === scores.size;
    if (fresh && now() - cached!.at < 60_000) return cached!.answer;
    cached = { revision, scored: scores.size, at: now(), answer: compute() };
    return cached.answer;
  }

  function compute(): HealthAnswer {
    const all = logins();
    const report = healthReport(all, now());
    const weak: string[] = [];
    const unscored: HealthAnswer['unscored'] = [];
    let checked = 0;
    for (const login of all) {
      if (!login.password) continue;
      checked += 1;
      const score = scores.get(key(login));
      if (score === undefined) {
        unscored.push({ id: login.id, revision: login.revision, password: login.password });
      } else if (score < WEAK_BELOW) weak.push(login.id);
    }
    const named = new Set([...weak, ...report.reused.flat(), ...report.insecure, ...report.old]);
    const entries = all
      .filter((login) => named.has(login.id))
      .map((login) => ({
        id: login.id,
        title: login.title,
        site: hostOf(login.urls[0]?.url ?? '') ?? '',
      }));
    return { entries, weak, ...report, unscored, checked };
  }

  return {
    'health.report': async () => {
      await unlocked();
      return answer();
    },
    'health.counts': async () => {
      await unlocked();
      const { weak, reused, insecure, old, unscored, entries } = answer();
      const counts = healthCounts({ reused, insecure, old }, weak);
      return { ...counts, unscored: unscored.length, flagged: entries.length };
    },
    'health.scores': async ({ scores: given }) => {
      await unlocked();
      for (const { id, revision, score } of given) scores.set(`${id}:${revision}`, score);
      return answer();
    },
  } satisfies Partial<Handlers>;
}
