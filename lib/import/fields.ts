/**
 * Small rules every reader shares: where unmapped fields go (the notes, as "Label: value" lines,
 * never dropped), how folders become tags, how the sources write times.
 */
import type { ImportCandidate, ImportPosition, LoginCandidate, NoteCandidate } from './types';

export type Extra = readonly [label: string, value: string];

/**
 * The source's notes followed by every field we have no place for, one "Label: value" line each,
 * after a blank line, so the user can still find (and copy) what the source held.
 */
export function notesWithExtras(notes: string, extras: readonly Extra[]): string {
  const lines = extras
    .filter(([, value]) => value.trim() !== '')
    .map(([label, value]) => `${label}: ${value}`);
  if (lines.length === 0) return notes;
  return notes.trim() === '' ? lines.join('\n') : `${notes}\n\n${lines.join('\n')}`;
}

/**
 * A folder path as one tag: separators unified to "/", blank segments dropped. `dropRoot` removes
 * the first segment, the database's root group that KeePass puts in front of every path.
 */
export function pathTag(path: string | undefined, dropRoot = false): string | undefined {
  if (!path) return undefined;
  const segments = path
    .split(/[/\\]/)
    .map((segment) => segment.trim())
    .filter(Boolean);
  const kept = dropRoot ? segments.slice(1) : segments;
  return kept.length > 0 ? kept.join('/') : undefined;
}

/** Tags without blanks or repeats, in the order found. */
export function uniqueTags(tags: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag?.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/**
 * A time as the sources write it: ISO 8601 text, or a number of seconds (Proton Pass, 1Password)
 * or milliseconds (Firefox) since the epoch, told apart by size. Undefined when absent or unreadable.
 */
export function parseTime(value: unknown): number | undefined {
  if (value instanceof Date) return validTime(value.getTime());
  if (typeof value === 'number') return validTime(value < 1e11 ? value * 1000 : value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return parseTime(Number(text));
  return validTime(Date.parse(text));
}

function validTime(ms: number): number | undefined {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}

export function isTruthyFlag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|y)$/i.test(value.trim());
}

/** URLs from one cell or list: trimmed, blanks dropped. */
export function cleanUrls(urls: ReadonlyArray<string | undefined | null>): string[] {
  return urls.map((url) => (url ?? '').trim()).filter(Boolean);
}

export interface BaseInput {
  title?: string;
  notes?: string;
  tags?: ReadonlyArray<string | undefined>;
  favorite?: boolean;
  createdAt?: number;
  updatedAt?: number;
  extras?: readonly Extra[];
  source: ImportPosition;
}

/** The fields every candidate has, tidied. */
export function candidateBase(input: BaseInput) {
  return {
    title: (input.title ?? '').trim(),
    notes: notesWithExtras(input.notes ?? '', input.extras ?? []),
    tags: uniqueTags(input.tags ?? []),
    favorite: input.favorite ?? false,
    ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
    ...(input.updatedAt !== undefined ? { updatedAt: input.updatedAt } : {}),
    source: input.source,
  };
}

export interface LoginInput extends BaseInput {
  username?: string;
  password?: string;
  urls?: ReadonlyArray<string | undefined | null>;
  otp?: string;
  passwordHistory?: LoginCandidate['passwordHistory'];
}

/** A login; its title falls back to the first URL's host, as browsers show such entries. */
export function makeLogin(input: LoginInput): LoginCandidate {
  const urls = cleanUrls(input.urls ?? []);
  const candidate: LoginCandidate = {
    type: 'login',
    ...candidateBase(input),
    username: (input.username ?? '').trim(),
    // Passwords are kept byte for byte: a leading or trailing space may be part of one.
    password: input.password ?? '',
    urls,
  };
  if (!candidate.title && urls[0]) candidate.title = hostOf(urls[0]) ?? urls[0];
  const otp = input.otp?.trim();
  if (otp) candidate.otp = otp;
  if (input.passwordHistory && input.passwordHistory.length > 0) {
    candidate.passwordHistory = input.passwordHistory;
  }
  return candidate;
}

export function makeNote(input: BaseInput): NoteCandidate {
  return { type: 'note', ...candidateBase(input) };
}

/** Whether a login has anything of a login: otherwise it is better kept as a note, or reported. */
export function isEmptyLogin(candidate: LoginCandidate): boolean {
  return (
    !candidate.username && !candidate.password && candidate.urls.length === 0 && !candidate.otp
  );
}

/**
 * A login row with nothing of a login becomes a note when it has notes, and a 'missingFields'
 * problem when it has nothing at all worth keeping (only a title or a folder).
 */
export function loginOrNote(candidate: LoginCandidate): ImportCandidate | 'missingFields' {
  if (!isEmptyLogin(candidate)) return candidate;
  if (candidate.notes.trim() === '') return 'missingFields';
  const { type: _type, username: _u, password: _p, urls: _urls, otp: _otp, ...rest } = candidate;
  return { ...rest, type: 'note' };
}

/** The host of a URL, also for the scheme-less "example.com/login" some exports hold. */
export function hostOf(url: string): string | undefined {
  const text = url.trim();
  if (!text) return undefined;
  try {
    return (
      new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`).hostname || undefined
    );
  } catch {
    return undefined;
  }
}
