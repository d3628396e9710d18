/**
 * Password health (issue 14), computed on the device from the decrypted logins: passwords used by
 * more than one login, logins whose sites are all plain http, and passwords not changed for over
 * a year. Weak passwords need the strength estimator, which runs in a page's worker and never in
 * the background (components/strength-client.ts): `weakIds` takes its scores.
 *
 * Nothing here leaves the device; the answer carries ids and titles, never a password.
 */
import type { LoginItem } from './item';

/** A password set more than this long ago counts as old. */
export const OLD_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

export type HealthIssue = 'weak' | 'reused' | 'insecure' | 'old';

export interface HealthReport {
  /** Groups of two or more logins sharing one password, the largest first. */
  reused: string[][];
  /** Logins with at least one address whose every address is plain http. */
  insecure: string[];
  /** Logins whose password was set over a year ago. */
  old: string[];
}

/** When the login's current password was set: its last replacement, or the login's creation. */
export function passwordSetAt(login: LoginItem): number {
  const latest = login.passwordHistory.reduce((at, entry) => Math.max(at, entry.replacedAt), 0);
  return Math.max(latest, login.createdAt);
}

/** Whether every address of the login is http:// (a login with no address is not counted). */
export function isHttpOnly(login: LoginItem): boolean {
  if (login.urls.length === 0) return false;
  return login.urls.every(({ url }) => /^http:\/\//i.test(url.trim()));
}

export function healthReport(logins: readonly LoginItem[], now: number): HealthReport {
  const byPassword = new Map<string, string[]>();
  const insecure: string[] = [];
  const old: string[] = [];
  for (const login of logins) {
    if (login.password) {
      const group = byPassword.get(login.password);
      if (group) group.push(login.id);
      else byPassword.set(login.password, [login.id]);
      if (now - passwordSetAt(login) > OLD_AFTER_MS) old.push(login.id);
    }
    if (isHttpOnly(login)) insecure.push(login.id);
  }
  const reused = [...byPassword.values()]
    .filter((ids) => ids.length > 1)
    .sort((a, b) => b.length - a.length);
  return { reused, insecure, old };
}

/** How many logins each issue names: the vault screen's line. */
export function healthCounts(report: HealthReport, weak: readonly string[]) {
  return {
    weak: weak.length,
    reused: report.reused.reduce((sum, ids) => sum + ids.length, 0),
    insecure: report.insecure.length,
    old: report.old.length,
  };
}
