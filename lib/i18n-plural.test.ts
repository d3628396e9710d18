/**
 * Counted messages follow the UI language's plural rules (issue 13 met "1 changes waiting to be
 * sent", Italian "1 minuti" and "1 ore").
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { speak } from '@/tests/support/english';
import { tn } from './i18n';

beforeEach(() => fakeBrowser.reset());

describe('tn', () => {
  it('says one change, and two changes, in English', () => {
    speak('en');
    expect(tn('syncPending', 1)).toBe('1 change waiting to be sent.');
    expect(tn('syncPending', 2)).toBe('2 changes waiting to be sent.');
    expect(tn('syncPending', 0)).toBe('0 changes waiting to be sent.');
  });

  it('says 1 minuto and 1 ora in Italian, and writes big counts the Italian way', () => {
    speak('it');
    expect(tn('minutesN', 1)).toBe('1 minuto');
    expect(tn('minutesN', 5)).toBe('5 minuti');
    expect(tn('hoursN', 1)).toBe('1 ora');
    expect(tn('hoursN', 4)).toBe('4 ore');
    expect(tn('syncWaiting', 1_000_000)).toBe('1.000.000 modifiche in attesa');
  });

  it('says 1 Änderung wartet in German', () => {
    speak('de');
    expect(tn('syncWaiting', 1)).toBe('1 Änderung wartet');
    expect(tn('syncWaiting', 3)).toBe('3 Änderungen warten');
  });

  it('takes the substitutions it is given, choosing the form by the count', () => {
    speak('en');
    expect(tn('vaultCount', 1, ['1', '1'])).toBe('1 of 1 item');
    expect(tn('vaultCount', 40, ['12', '40'])).toBe('12 of 40 items');
  });
});
