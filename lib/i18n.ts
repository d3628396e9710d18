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
