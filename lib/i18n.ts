/**
 * Every user-visible text comes from `public/_locales/{en,it,de}/messages.json` through `t`.
 * Keys are literal at every call site so the locale test can check that each one exists in every
 * language and that no locale carries a key nobody uses.
 */
import { browser } from 'wxt/browser';
import type en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The base of a counted message: `syncPending` for `syncPending_one` and `syncPending_other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other`
    ? `${Base}_one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

/**
 * A counted message in the form the UI language's plural rules pick for `count` (CLDR via
 * Intl.PluralRules: Italian "1 minuto", "5 minuti"; issue 13 met "1 minuti"). English, Italian
 * and German need `one` and `other`; Italian's `many` (for millions) reads as `other`.
 * The substitutions default to the count, written the UI language's way.
 */
export function tn(key: PluralKey, count: number, substitutions?: string | string[]): string {
  const language = browser.i18n.getUILanguage();
  const form = new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}`, substitutions ?? new Intl.NumberFormat(language).format(count));
}
