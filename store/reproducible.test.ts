/**
 * Store readiness (issue 13): Mozilla's reviewers rebuild the Firefox package from the sources
 * archive and compare. Here the sources are copied to a fresh folder and zipped the way
 * `npm run zip` does; the sources archive that comes out is unpacked into a second folder and
 * zipped again. Both packages (and both archives) must be the same bytes, with the same build id.
 *
 * node_modules is a symlink to this checkout's, to keep the test short. By hand, the archive
 * unpacked elsewhere with `npm ci --offline --ignore-scripts` (about 20 s from npm's cache) gave
 * the same Firefox zip, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSourceFiles, sourceBuildId } from './sources';

const repo = join(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const work = mkdtempSync(join(tmpdir(), 'cassaforte-zip-'));

// Only what a shell would pass: vitest's NODE_ENV=test and friends would change the build.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST|VITE_|CASSAFORTE_)/.test(key)),
);

interface Zipped {
  extension: Buffer;
  sources: string;
  buildId: string;
}

function zipFirefox(dir: string): Zipped {
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const wxt = join(repo, 'node_modules/wxt/bin/wxt.mjs');
  execFileSync(process.execPath, [wxt, 'zip', '-b', 'firefox', '--mv3'], { cwd: dir, env });
  return {
    extension: readFileSync(join(dir, `.output/${name}-${version}-firefox.zip`)),
    sources: join(dir, `.output/${name}-${version}-sources.zip`),
    buildId: readFileSync(join(dir, '.output/firefox-mv3.build-id'), 'utf8'),
  };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const entries = (zip: string) =>
  execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })
    .split('\n')
    .filter((entry) => entry && !entry.endsWith('/'))
    .sort();

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Firefox sources archive', () => {
  it('rebuilds the same package, byte for byte', { timeout: 300_000 }, () => {
    const first = join(work, 'checkout');
    for (const file of listSourceFiles(repo)) {
      mkdirSync(dirname(join(first, file)), { recursive: true });
      copyFileSync(join(repo, file), join(first, file));
    }
    const original = zipFirefox(first);

    // The archive is the sources: every hashed file, the review instructions, nothing else.
    expect(entries(original.sources)).toEqual(listSourceFiles(repo));
    expect(entries(original.sources)).toContain('SOURCE_CODE_REVIEW.md');
    expect(original.buildId).toBe(sourceBuildId(repo, version));

    const second = join(work, 'from-archive');
    mkdirSync(second);
    execFileSync('unzip', ['-q', original.sources, '-d', second]);
    const rebuilt = zipFirefox(second);

    expect(rebuilt.buildId).toBe(original.buildId);
    expect(sha256(rebuilt.extension)).toBe(sha256(original.extension));
    expect(sha256(readFileSync(rebuilt.sources))).toBe(sha256(readFileSync(original.sources)));
  });
});
