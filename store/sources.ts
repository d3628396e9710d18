/**
 * What the extension is built from, in one list: the Firefox sources archive holds exactly these
 * files (`zip.excludeSources` in wxt.config.ts leaves out everything else), and the build id is a
 * hash of them. So the build id comes from the sources, not the clock, and a reviewer who unpacks
 * the archive and builds it gets the same package, byte for byte (store/reproducible.test.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Top-level entries the build reads, plus the review instructions. Server, tests, docs stay out. */
export const SOURCE_PATHS = [
  'SOURCE_CODE_REVIEW.md',
  'components',
  'entrypoints',
  'inpage',
  'lib',
  'package-lock.json',
  'package.json',
  'public',
  'store',
  'tsconfig.json',
  'wxt.config.ts',
];

// WXT's own default `excludeSources` (dotfiles, node_modules, tests), mirrored so the hash and
// the archive cover the same files.
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === '__tests__';
}

function walk(root: string, relative: string, into: string[]): void {
  const entries = readdirSync(join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const path = `${relative}/${entry.name}`;
    if (entry.isDirectory()) walk(root, path, into);
    else if (entry.isFile() && !TEST_FILE.test(entry.name)) into.push(path);
  }
}

/** Every file of the sources archive, relative to `root`, sorted. */
export function listSourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const path of SOURCE_PATHS) {
    const entry = readdirSync(root, { withFileTypes: true }).find((e) => e.name === path);
    if (!entry) continue;
    if (entry.isDirectory()) walk(root, path, files);
    else files.push(path);
  }
  return files.sort();
}

/** `0.1.0+` and 12 hex digits of SHA-256 over every source file's path and content. */
export function sourceBuildId(root: string, version: string): string {
  const hash = createHash('sha256');
  for (const path of listSourceFiles(root)) {
    const content = readFileSync(join(root, path));
    hash.update(`${path}\0${content.length}\0`).update(content);
  }
  return `${version}+${hash.digest('hex').slice(0, 12)}`;
}

/** `zip.excludeSources`: every top-level entry of `root` that is not a source. */
export function excludedFromSources(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => !SOURCE_PATHS.includes(entry.name) && !skipped(entry.name))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/**` : entry.name));
}
