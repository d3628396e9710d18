/**
 * The account password's strength estimate per keystroke (zxcvbn-ts with the en/it/de
 * dictionaries, components/strength-zxcvbn.ts): p95 ≤ 5 ms, like search. Passwords of 20
 * characters are "typed" a character at a time and every prefix is one estimate, as the form asks
 * for one per keystroke; one round first, unmeasured, lets the JIT compile zxcvbn's code. Measured in Node (the estimator alone) and in Chromium through the built
 * extension's own strength worker (the round trip a form pays: postMessage, estimate, answer).
 * Also reported: the time until the worker's first answer (load + building the dictionaries,
 * while the form is open and the user types the address) and the worker file's gzipped size.
 *
 * `npx tsx bench/strength.ts` prints the table; `npm run bench` includes it. The Chromium rows
 * need `npm run build` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { personalWords } from '../components/strength';
import { createEstimator } from '../components/strength-zxcvbn';
import { launchChromium } from '../tests/support/browsers';
import { builtExtensionDir } from '../tests/support/paths';
import { formatTable, median, percentile, type BenchRow } from './table';

const BUDGET_MS = 5;
const ROUNDS = 10;
const EMAIL = 'mario.rossi@example.it';
/** 20 characters each: a passphrase, random, a dressed-up common one, names, Italian + German. */
const TYPED = [
  'velvet-harbor-quiet7',
  'tV9#q2LmR!xw4Pz3$kLm',
  'P4ssw0rd1234!@#$abcd',
  'mario.rossi-Tr4m!202',
  'Schmetterling-tesoro',
];
const prefixes = TYPED.flatMap((password) =>
  Array.from({ length: password.length }, (_, i) => password.slice(0, i + 1)),
);

const keystrokeRow = (where: string, times: number[]): BenchRow => {
  const p95 = percentile(times, 95);
  return {
    what: `strength estimate per keystroke, 20-char passwords (${where})`,
    budget: `p95 ≤ ${BUDGET_MS} ms per keystroke`,
    measured: `p95 ${p95.toFixed(2)} ms, p50 ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms (${times.length} keystrokes)`,
    ok: p95 <= BUDGET_MS,
  };
};

function inNode(): { build: number; times: number[] } {
  const started = performance.now();
  const estimate = createEstimator();
  const build = performance.now() - started;
  const personal = personalWords(EMAIL);
  const times: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    for (const typed of prefixes) {
      const at = performance.now();
      estimate(typed, personal);
      if (round > 0) times.push(performance.now() - at);
    }
  }
  return { build, times };
}

function workerFile(): string {
  const assets = join(builtExtensionDir('chromium'), 'assets');
  const name = readdirSync(assets).find((file) => /^strength\.worker-.*\.js$/.test(file));
  if (!name) throw new Error('no strength worker in the build: run npm run build');
  return join(assets, name);
}

async function inChromium(file: string): Promise<{ ready: number; times: number[] }> {
  const chromium = await launchChromium({ extensionDir: builtExtensionDir('chromium') });
  try {
    const page = await chromium.openExtensionPage('/reset.html');
    // tsx (esbuild, keepNames) wraps the named functions below in `__name(…)`, which the page lacks.
    await page.evaluate('globalThis.__name = (fn) => fn');
    return await page.evaluate(
      async (url, typed, personal, rounds) => {
        const worker = new Worker(url);
        let id = 0;
        const ask = (password: string) =>
          new Promise<void>((resolve) => {
            const mine = ++id;
            const answered = (event: MessageEvent<{ id: number }>) => {
              if (event.data.id !== mine) return;
              worker.removeEventListener('message', answered);
              resolve();
            };
            worker.addEventListener('message', answered);
            worker.postMessage({ id: mine, password, personal });
          });
        const started = performance.now();
        await ask('x');
        const ready = performance.now() - started;
        const times: number[] = [];
        for (let round = 0; round <= rounds; round++) {
          for (const password of typed) {
            const at = performance.now();
            await ask(password);
            if (round > 0) times.push(performance.now() - at);
          }
        }
        worker.terminate();
        return { ready, times };
      },
      `/assets/${file.split('/').at(-1)}`,
      prefixes,
      personalWords(EMAIL),
      ROUNDS,
    );
  } finally {
    await chromium.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const node = inNode();
  const file = workerFile();
  const browser = await inChromium(file);
  const bytes = readFileSync(file);
  return [
    keystrokeRow('Node', node.times),
    keystrokeRow('Chromium worker', browser.times),
    {
      what: 'strength worker ready: loaded, dictionaries built (Chromium)',
      budget: '',
      measured: `${browser.ready.toFixed(0)} ms (Node, build only: ${node.build.toFixed(0)} ms)`,
    },
    {
      what: 'strength worker file (zxcvbn + en/it/de dictionaries), lazily loaded',
      budget: '',
      measured: `${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB gzip (${(bytes.length / 1024 / 1024).toFixed(2)} MB raw)`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await run()));
}
