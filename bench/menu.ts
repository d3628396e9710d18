/**
 * `npm run bench -- menu`: the inline menu's latency (issue 12, DESIGN §7): from a trusted click
 * in a page's login field to our frame rendered in the top layer (≤ 50 ms, median), in Chromium
 * with the test build (site access to the fixture host). The vault is signed out here, so the
 * frame renders its "Unlock" view: the same round trips (content script → background → frame →
 * background) as the list of logins. The content script loads the menu's frame ahead once it
 * found a login form, so the usual click only hands it a token.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { contentScriptRegistered, launch } from './autofill';
import { median, percentile, type BenchRow } from './table';

const TEST_BUILD = resolve('.output/test/chrome-mv3');
const ROUNDS = 30;
const PAGE = `<!doctype html><title>Sign in</title><form action="/"><label>Email
  <input id="username" type="email" autocomplete="username"></label><label>Password
  <input id="password" type="password"></label><button>Sign in</button></form>`;

export async function run(): Promise<BenchRow[]> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://menu.test:${(server.address() as AddressInfo).port}/`;
  const browser = await launch(TEST_BUILD);
  try {
    await browser.installExtension(TEST_BUILD);
    await contentScriptRegistered(browser);
    const page = await browser.newPage();
    /** Click → our frame rendered, for clicks `after` ms after the page's load event. */
    const measure = async (after: number): Promise<number[]> => {
      const samples: number[] = [];
      for (let round = 0; round < ROUNDS + 3; round++) {
        await page.goto(url, { waitUntil: 'load' });
        await new Promise((r) => setTimeout(r, after));
        const box = (await (await page.$('#username'))!.boundingBox())!;
        const started = performance.now();
        await page.mouse.click(box.x + 5, box.y + 5);
        for (;;) {
          const frame = page.frames().find((f) => f.url().includes('/menu.html'));
          const shown = await frame?.$('#menu > div').catch(() => null);
          if (shown) break;
          if (performance.now() - started > 5_000) throw new Error('the menu never showed');
          await new Promise((r) => setTimeout(r, 2));
        }
        if (round >= 3) samples.push(performance.now() - started); // the first ones warm up
      }
      return samples;
    };
    // A person clicks a field a second or more after the page showed: by then the content script
    // found the form and loaded the menu's frame ahead. A click within 50 ms of the load event
    // comes before that, and the frame is built on the click.
    const usual = await measure(1_000);
    const early = await measure(50);
    const stats = (samples: number[]) =>
      `median ${median(samples).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`;
    return [
      {
        what: 'inline menu: click in the field → menu shown (Chromium)',
        budget: '≤ 50 ms median',
        measured: stats(usual),
        ok: median(usual) <= 50,
      },
      {
        what: 'inline menu: the same, clicked 50 ms after the page loaded (frame not loaded ahead)',
        budget: '—',
        measured: stats(early),
      },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
