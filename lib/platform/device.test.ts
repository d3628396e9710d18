import { describe, expect, it } from 'vitest';
import { describeDevice } from './device';

const FIREFOX_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';
const CHROME_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

describe('describeDevice', () => {
  it('names the browser from the build, not from the user agent', () => {
    // vitest runs the Chrome build's code (lib/platform/target.ts: isFirefox is false).
    expect(describeDevice(FIREFOX_ON_WINDOWS)).toBe('Chrome on Windows');
  });

  it('names the operating system from the user agent', () => {
    expect(describeDevice(CHROME_ON_MAC)).toBe('Chrome on macOS');
    expect(describeDevice('Mozilla/5.0 (Linux; Android 15) Mobile')).toBe('Chrome on Android');
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64)')).toBe('Chrome on Linux');
    expect(describeDevice('')).toBe('Chrome on this computer');
  });
});
