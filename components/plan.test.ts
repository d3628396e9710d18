/** Plans by their names in the user's language (issue 13 met Italian "Piano: Free"). */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { speak } from '@/tests/support/english';
import { planName } from './plan';

beforeEach(() => fakeBrowser.reset());

describe('planName', () => {
  it('names the plans in Italian and German', () => {
    speak('it');
    expect(planName('free')).toBe('Gratuito — un dispositivo connesso');
    speak('de');
    expect(planName('free')).toBe('Kostenlos — ein angemeldetes Gerät');
    expect(planName('pro')).toBe('Pro — alle Geräte');
  });

  it('shows a plan this build does not know by its code', () => {
    speak('en');
    expect(planName('team')).toBe('team');
    expect(planName('toString')).toBe('toString');
  });
});
