/**
 * Search over 10,000 items, per keystroke (DESIGN.md §7: p95 ≤ 5 ms).
 *
 * The vault is generated from a fixed seed to look like a real one: a few hundred well-known
 * services used several times (work and personal accounts), a long tail of small sites, e-mail
 * and handle usernames, notes on some items and secure notes. The queries are typed a letter at a
 * time, with typos and a backspace, as a person does; every prefix is one measured search.
 * Between rounds one item is saved, which empties the index's per-word cache, so each round pays
 * what a fresh typing session pays.
 *
 * `makeVault` is exported for other benches that need a realistic 10,000-item vault.
 *
 * `npx tsx bench/search.ts` prints the table; `npm run bench` includes it.
 */
import { emptyLogin, emptyNote, type Item, type ItemUrl } from '../lib/vault/item';
import { createSearchIndex } from '../lib/vault/search';
import { seededPicker } from '../lib/vault/seeded-random';
import { WORDLIST } from '../lib/vault/wordlist';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { formatTable, median, percentile, type BenchRow } from './table';

const ITEMS = 10_000;
const ROUNDS = 8;

const SERVICES: Array<[title: string, domain: string]> = [
  ['GitHub', 'github.com'],
  ['GitLab', 'gitlab.com'],
  ['Google', 'accounts.google.com'],
  ['Gmail', 'mail.google.com'],
  ['Amazon', 'amazon.com'],
  ['Amazon Web Services', 'aws.amazon.com'],
  ['Netflix', 'netflix.com'],
  ['Spotify', 'spotify.com'],
  ['PayPal', 'paypal.com'],
  ['LinkedIn', 'linkedin.com'],
  ['Microsoft', 'login.microsoftonline.com'],
  ['Outlook', 'outlook.com'],
  ['Dropbox', 'dropbox.com'],
  ['Slack', 'slack.com'],
  ['Zoom', 'zoom.us'],
  ['Apple ID', 'appleid.apple.com'],
  ['Facebook', 'facebook.com'],
  ['Instagram', 'instagram.com'],
  ['Twitter', 'x.com'],
  ['Reddit', 'reddit.com'],
  ['Steam', 'store.steampowered.com'],
  ['Discord', 'discord.com'],
  ['Adobe', 'adobe.com'],
  ['Atlassian', 'id.atlassian.com'],
  ['Jira', 'jira.atlassian.net'],
  ['Notion', 'notion.so'],
  ['Figma', 'figma.com'],
  ['Stripe', 'dashboard.stripe.com'],
  ['Cloudflare', 'dash.cloudflare.com'],
  ['DigitalOcean', 'cloud.digitalocean.com'],
  ['Heroku', 'heroku.com'],
  ['npm', 'npmjs.com'],
  ['Docker Hub', 'hub.docker.com'],
  ['eBay', 'ebay.com'],
  ['Etsy', 'etsy.com'],
  ['Booking.com', 'booking.com'],
  ['Airbnb', 'airbnb.com'],
  ['Uber', 'uber.com'],
  ['Deliveroo', 'deliveroo.co.uk'],
  ['BBC', 'account.bbc.com'],
  ['The Guardian', 'theguardian.com'],
  ['New York Times', 'nytimes.com'],
  ['Wikipedia', 'wikipedia.org'],
  ['Stack Overflow', 'stackoverflow.com'],
  ['Trello', 'trello.com'],
  ['Asana', 'asana.com'],
  ['Salesforce', 'login.salesforce.com'],
  ['HubSpot', 'app.hubspot.com'],
  ['Mailchimp', 'mailchimp.com'],
  ['Shopify', 'shopify.com'],
  ['WordPress', 'wordpress.com'],
  ['Twitch', 'twitch.tv'],
  ['YouTube', 'youtube.com'],
  ['Disney+', 'disneyplus.com'],
  ['Hulu', 'hulu.com'],
  ['Vodafone', 'vodafone.it'],
  ['Deutsche Bahn', 'bahn.de'],
  ['Sparkasse', 'sparkasse.de'],
  ['Intesa Sanpaolo', 'intesasanpaolo.com'],
  ['Poste Italiane', 'poste.it'],
  ['Zürcher Kantonalbank', 'zkb.ch'],
  ['Barclays', 'barclays.co.uk'],
  ['Chase', 'chase.com'],
  ['Revolut', 'revolut.com'],
  ['N26', 'n26.com'],
  ['Coinbase', 'coinbase.com'],
  ['Fastmail', 'fastmail.com'],
  ['Proton Mail', 'account.proton.me'],
  ['Bitbucket', 'bitbucket.org'],
  ['Home router', '192.168.1.1'],
];
const QUALIFIERS = [
  '',
  '',
  '',
  ' (work)',
  ' personal',
  ' old',
  ' 2',
  ' - family',
  ' admin',
  ' test',
];
const FIRST = ['ada', 'grace', 'linus', 'marie', 'alan', 'john', 'maria', 'luca', 'anna', 'jürgen'];
const LAST = [
  'lovelace',
  'hopper',
  'curie',
  'turing',
  'smith',
  'rossi',
  'müller',
  'schmidt',
  'bianchi',
];
const MAIL = ['gmail.com', 'outlook.com', 'proton.me', 'corp.example', 'fastmail.com', 'web.de'];

function smallSite(a: string, b: string): [title: string, domain: string] {
  const tld = ['com', 'net', 'it', 'de', 'co.uk'][(a.length + b.length) % 5] as string;
  return [`${a[0]?.toUpperCase()}${a.slice(1)} ${b}`, `${a}${b}.${tld}`];
}

export function makeVault(seed: number, count = ITEMS): Item[] {
  const rnd = seededPicker(seed);
  const word = () => rnd.pick(WORDLIST);
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const id = `item-${i}`;
    if (rnd.chance(0.08)) {
      items.push({
        ...emptyNote(id, i),
        title: `${word()} ${word()}`,
        notes: sentence(10 + rnd.int(60)),
      });
      continue;
    }
    // 40% well-known services, 60% a long tail of small sites ("Lemon bakery", lemonbakery.it).
    const [service, domain] = rnd.chance(0.4) ? rnd.pick(SERVICES) : smallSite(word(), word());
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const username = rnd.chance(0.7)
      ? `${first}.${last}@${rnd.pick(MAIL)}`
      : `${first}${rnd.int(1000)}`;
    const urls: ItemUrl[] = [{ url: `https://${domain}/login`, match: 'domain' }];
    if (rnd.chance(0.15)) urls.push({ url: `https://${word()}.${domain}/`, match: 'host' });
    items.push({
      ...emptyLogin(id, i),
      title: service + rnd.pick(QUALIFIERS),
      username,
      password: `${word()}-${word()}-${rnd.int(100)}`,
      urls,
      notes: rnd.chance(0.3) ? sentence(3 + rnd.int(25)) : '',
      favorite: rnd.chance(0.05),
    });
  }
  return items;
}

/** What people type, letter by letter; `<` is a backspace. Typos included on purpose. */
export const TYPED: Array<[text: string, currentUrl?: string]> = [
  ['github'],
  ['gmail work'],
  ['amazon', 'https://www.amazon.com/ap/signin'],
  ['netflx'],
  ['gihtub'],
  ['ada lovelace'],
  ['paypall<'],
  ['linkedn'],
  ['micrsoft'],
  ['zurcher'],
  ['bank'],
  ['router admin'],
  ['steam', 'https://store.steampowered.com/login'],
  ['docker hub'],
  ['schmidt web.de'],
  ['kantonalbnak'],
  ['sparkasse'],
  ['a'],
  ['s'],
  ['proton mail'],
];

export function keystrokes(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const c of text) {
    current = c === '<' ? current.slice(0, -1) : current + c;
    out.push(current);
  }
  return out;
}

/** Heap kept alive by what `make` returns, after full collections (gc exposed at run time). */
function heapOf(make: () => unknown): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const after = process.memoryUsage().heapUsed;
  return kept ? after - before : 0;
}

export async function run(): Promise<BenchRow[]> {
  const items = makeVault(2024);
  const builds: number[] = [];
  let index = createSearchIndex();
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    index = createSearchIndex(items);
    builds.push(performance.now() - t);
  }

  const heap = heapOf(() => createSearchIndex(items));

  const times: number[] = [];
  let checksum = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    index.upsert({ ...(items[round] as Item), updatedAt: round }); // a save: caches start cold
    for (const [text, currentUrl] of TYPED) {
      for (const query of keystrokes(text)) {
        const t = performance.now();
        checksum += index.search(query, { currentUrl }).length;
        const elapsed = performance.now() - t;
        if (round > 0) times.push(elapsed); // round 0 warms up the JIT
      }
    }
  }
  if (checksum === 0) throw new Error('the searches found nothing: the bench is broken');

  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  return [
    {
      what: 'search, 10,000 items',
      budget: 'p95 ≤ 5 ms per keystroke',
      measured: `p95 ${p95.toFixed(2)} ms, p50 ${p50.toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms (${times.length} keystrokes)`,
      ok: p95 <= 5,
    },
    {
      what: 'search index build, 10,000 items',
      budget: '—',
      measured: `median ${median(builds).toFixed(0)} ms`,
    },
    {
      what: 'search index heap, 10,000 items',
      budget: '— (part of the 60 MB worker heap)',
      measured: `${(heap / 2 ** 20).toFixed(1)} MB (Node; Chrome's compressed pointers make it smaller)`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await run()));
}
