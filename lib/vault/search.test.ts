import { describe, expect, it } from 'vitest';
import { emptyLogin, emptyNote, type Item, type LoginItem } from './item';
import { createSearchIndex } from './search';
import { seededPicker } from './seeded-random';

let counter = 0;
function login(title: string, fields: Partial<LoginItem> = {}, hosts: string[] = []): LoginItem {
  return {
    ...emptyLogin(fields.id ?? `id-${++counter}`, 1),
    title,
    urls: hosts.map((host) => ({ url: `https://${host}/login`, match: 'domain' as const })),
    ...fields,
  };
}

const github = login('GitHub', { id: 'github', username: 'ada' }, ['github.com']);
const githubWork = login('GitHub (work)', { id: 'github-work', username: 'ada@corp.example' });
const gitlab = login('GitLab', { id: 'gitlab' }, ['gitlab.com']);
const mentions = login('Forum', { id: 'forum', notes: 'same password as github, change it' });
const gmail = login('Gmail', { id: 'gmail', username: 'ada.lovelace@gmail.com' }, [
  'accounts.google.com',
]);
const zurich = login('Zürcher Kantonalbank', { id: 'zkb', username: 'müller' }, ['zkb.ch']);
const strasse = login('Straße Verwaltung', { id: 'strasse' });
const bank = login('Bank of Example', { id: 'bank' }, ['online.bank.co.uk']);
const router = emptyNote('router', 1);
router.title = 'Home router';
router.notes = 'admin / correct-horse, wifi key on the sticker';
const all: Item[] = [mentions, githubWork, gitlab, github, gmail, zurich, strasse, bank, router];

describe('search', () => {
  const index = createSearchIndex(all);

  it('puts GitHub first while "gith" is being typed', () => {
    for (const query of ['g', 'gi', 'git', 'gith', 'githu', 'github', 'GITHUB']) {
      expect(index.search(query)[0], query).toBe('github');
    }
    // The item that only mentions GitHub in its notes is found, but after the titles; with so few
    // matches the typo pass also offers GitLab ("gitl" is one letter off), last.
    expect(index.search('gith')).toEqual(['github', 'github-work', 'forum', 'gitlab']);
  });

  it('still finds an item through a typo', () => {
    expect(index.search('gihtub')[0]).toBe('github');
    expect(index.search('githbu')[0]).toBe('github');
    expect(index.search('gmial')).toContain('gmail');
    expect(index.search('kantonalbnak')).toEqual(['zkb']);
  });

  it('does not guess on very short words', () => {
    expect(index.search('gtl')).toEqual([]);
  });

  it('ignores case and accents, in the query and in the items', () => {
    expect(index.search('zurcher')).toEqual(['zkb']);
    expect(index.search('ZÜRCHER')).toEqual(['zkb']);
    expect(index.search('muller')).toEqual(['zkb']);
    expect(index.search('strasse')).toEqual(['strasse']);
  });

  it('needs every word of the query', () => {
    expect(index.search('github work')).toEqual(['github-work']);
    expect(index.search('work github')).toEqual(['github-work']);
    expect(index.search('github nothing')).toEqual([]);
  });

  it('searches usernames, URL hosts and notes', () => {
    expect(index.search('lovelace')).toEqual(['gmail']);
    expect(index.search('google')).toEqual(['gmail']);
    expect(index.search('wifi')).toEqual(['router']);
    expect(index.search('corp.example')).toEqual(['github-work']);
  });

  it('finds a word from its middle', () => {
    expect(index.search('hub')).toEqual(['github', 'github-work', 'forum']);
    expect(index.search('lovel')).toEqual(['gmail']);
  });

  it('finds the item for a pasted URL', () => {
    expect(index.search('https://gitlab.com/users/sign_in')[0]).toBe('gitlab');
  });

  it('ranks an exact title before a title prefix before other matches', () => {
    const local = createSearchIndex([
      login('Mail archive', { id: 'prefix' }),
      login('Work', { id: 'username', username: 'mail@example.com' }),
      login('Mail', { id: 'exact' }),
      login('Webmail', { id: 'inside' }),
      login('Post', { id: 'notes', notes: 'mail me' }),
      login('Mial', { id: 'typo' }),
    ]);
    expect(local.search('mail')).toEqual([
      'exact',
      'prefix',
      'username',
      'notes',
      'inside',
      'typo',
    ]);
  });

  it('brings the current site’s items to the top', () => {
    expect(index.search('g', { currentUrl: 'https://mail.google.com/inbox' })[0]).toBe('gmail');
    expect(index.search('bank', { currentUrl: 'https://www.bank.co.uk/' })[0]).toBe('bank');
    expect(index.onSite('https://gist.github.com/')).toEqual(['github']);
    expect(index.onSite('https://example.org/')).toEqual([]);
  });

  it('lists everything for an empty query, current site first, then by title', () => {
    expect(index.search('', { currentUrl: 'https://gitlab.com' })).toEqual([
      'gitlab',
      'bank',
      'forum',
      'github',
      'github-work',
      'gmail',
      'router',
      'strasse',
      'zkb',
    ]);
    expect(index.search('  ', { limit: 2 })).toEqual(['bank', 'forum']);
  });

  it('caps the number of results', () => {
    const many = createSearchIndex(
      Array.from({ length: 500 }, (_, i) => login(`Account ${i}`, { id: `a${i}` })),
    );
    expect(many.search('account')).toHaveLength(200);
    expect(many.search('account', { limit: 10 })).toHaveLength(10);
  });
});

describe('keeping the index current', () => {
  it('finds a renamed item by its new title only', () => {
    const index = createSearchIndex(all);
    index.upsert({ ...github, title: 'Octocat', urls: [] });
    expect(index.search('octo')).toEqual(['github']);
    expect(index.search('github')).not.toContain('github');
    expect(index.size).toBe(all.length);
  });

  it('forgets a removed item, and a new one is found at once', () => {
    const index = createSearchIndex(all);
    index.remove('gitlab');
    index.remove('unknown');
    expect(index.search('gitlab')).toEqual([]);
    index.upsert(login('Codeberg', { id: 'codeberg' }, ['codeberg.org']));
    expect(index.search('codeb')).toEqual(['codeberg']);
    expect(index.size).toBe(all.length);
  });

  it('answers like a freshly built index after many random edits', () => {
    const rnd = seededPicker(42);
    const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'github', 'mail'];
    const randomItem = (id: string) =>
      login(`${rnd.pick(names)} ${rnd.pick(names)}`, { id, notes: rnd.pick(names) }, [
        `${rnd.pick(names)}.example`,
      ]);
    const live = new Map<string, Item>();
    const index = createSearchIndex();
    for (let step = 0; step < 2_000; step++) {
      const id = `i${rnd.int(60)}`;
      if (rnd.chance(0.25)) {
        live.delete(id);
        index.remove(id);
      } else {
        const item = randomItem(id);
        live.set(id, item);
        index.upsert(item);
      }
      if (step % 100 === 0) {
        const fresh = createSearchIndex(live.values());
        for (const query of ['', 'a', 'gam', 'mial', 'github mail', 'elta', 'zeta.example']) {
          const options = { currentUrl: 'https://beta.example/x', limit: 1_000 };
          expect(index.search(query, options), query).toEqual(fresh.search(query, options));
        }
      }
    }
  });
});
