import { describe, expect, it } from 'vitest';
import { describeExtensionBuilds, EXTENSION_BUILDS } from './extension-builds';

describe("npm start's closing lines", () => {
  it('name both builds where `npm run build` writes them, how to load each, and the server', () => {
    const text = describeExtensionBuilds('http://127.0.0.1:8787');
    expect(text).toMatch(/\/\.output\/chrome-mv3\n.*Load unpacked/);
    expect(text).toMatch(/\/\.output\/firefox-mv3\/manifest\.json\n.*Load Temporary Add-on/);
    expect(text).toContain('http://127.0.0.1:8787');
  });

  it('point at the folders the build writes (wxt.config.ts outDir)', () => {
    for (const build of EXTENSION_BUILDS)
      expect(build.path.replace(/\/manifest\.json$/, '')).toMatch(
        /\/\.output\/(chrome|firefox)-mv3$/,
      );
    expect(EXTENSION_BUILDS.every((b) => b.path.startsWith('/'))).toBe(true);
  });
});
