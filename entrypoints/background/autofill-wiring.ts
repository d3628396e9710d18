/**
 * The autofill part of the background's wiring (wiring.ts wires the rest): the fill service, the
 * content script's fields and badge, and the fill shortcut.
 */
import { browser } from 'wxt/browser';
import { siteOf } from '@/lib/autofill/origin';
import { getStored } from '@/lib/storage/store';
import type { VaultStore } from '@/lib/db';
import { generatorOptionsSchema } from '@/lib/vault/generator';
import { generateForSite } from '@/lib/vault/password-rules';
import { createInpageHandlers } from './handlers/inpage';
import { createAccountPasswordWatch } from './services/account-password-watch';
import { createInlineMenu } from './services/inline-menu';
import { createSaveService } from './services/saves';
import { createSitePrefsService } from './services/site-prefs';
import { createFieldsService } from './services/fields';
import { createFillService } from './services/fill';
import type { createSession } from './services/session';
import type { createVaultService } from './services/vault';

export function createAutofillWiring(deps: {
  vault: ReturnType<typeof createVaultService>;
  session: ReturnType<typeof createSession>;
  now: () => number;
  equivalents: () => readonly (readonly string[])[];
  self: { id: string; origin: string };
  store: VaultStore;
}) {
  const { vault, session } = deps;
  /** The logins saved for `url`'s site, as the popup lists them under "This site". */
  const loginsFor = (url: string) =>
    vault
      .list({ query: '', currentUrl: url, limit: 50 })
      .items.filter((row) => row.onSite && row.type === 'login')
      .map((row) => row.id);
  const fill = createFillService({
    now: deps.now,
    equivalents: deps.equivalents,
    login: (id) => {
      const item = vault.get(id);
      return item?.type === 'login' ? item : undefined;
    },
    loginsFor,
  });
  const fields = createFieldsService({
    isUnlocked: () => session.isUnlocked(),
    matchCount: (url) => loginsFor(url).length,
    warned: (tabId) => watch.warningFor(tabId) !== undefined,
  });
  /** The account password typed into a site: the badge says so, and the next page. */
  const watch = createAccountPasswordWatch({
    store: deps.store,
    now: deps.now,
    onWarning: (tabId) => {
      // Never an offer to save the account password for that site: saved, it would silence
      // the warning there for good (the check skips a site's own password).
      void saves.act(tabId, 'dismiss').catch(() => undefined);
      void fields.showBadge(tabId);
      menu.promptWaiting(tabId);
    },
  });
  /** The passwords saved for `url`'s site: typing one of those there is no leak. */
  const savedPasswordsFor = (url: string) =>
    session.isUnlocked()
      ? loginsFor(url).flatMap((id) => {
          const item = vault.get(id);
          return item?.type === 'login' && item.password ? [item.password] : [];
        })
      : [];

  /**
   * The popup over tab `tabId`'s page; where the toolbar popup cannot open (no toolbar button
   * shown, an older browser), the same popup in a small window of its own, working on that tab.
   */
  async function openPopup(tabId: number | undefined) {
    try {
      await browser.action.openPopup();
    } catch {
      if (tabId === undefined) return;
      const url = browser.runtime.getURL(`/popup.html?tab=${tabId}`);
      await browser.windows
        .create({ url, type: 'popup', width: 380, height: 600 })
        .catch(() => undefined);
    }
  }

  /**
   * The fill shortcut (it grants activeTab): fills this site's login, the next one on the next
   * press. Locked, or nothing filled: the popup opens over the page, on the unlock prompt, or on
   * the vault saying why (fill.takeNotice).
   */
  async function fillShortcut() {
    if (session.isUnlocked()) {
      const outcome = await fill.fillByShortcut().catch(() => undefined);
      if (outcome?.kind === 'filled') return;
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
    await openPopup(tab?.id);
  }

  const sitePrefs = createSitePrefsService({
    vault,
    unlocked: () => session.unlocked(),
    now: deps.now,
  });
  const saves = createSaveService({
    vault,
    unlocked: () => session.unlocked(),
    isUnlocked: () => session.isUnlocked(),
    sitePrefs,
    now: deps.now,
    loginsFor,
  });
  const menu = createInlineMenu({
    self: deps.self,
    isUnlocked: () => session.isUnlocked(),
    login: (id) => {
      const item = vault.get(id);
      return item?.type === 'login' ? item : undefined;
    },
    loginsFor,
    equivalents: deps.equivalents,
    // Signed out, there is nothing to fill from or save to: no menu (the popup signs in).
    menuWanted: async (url) =>
      (await getStored('settings')).inlineMenu &&
      !sitePrefs.isNeverMenu(url) &&
      (await deps.store.getAccount()) !== undefined,
    neverOnSite: (url) => sitePrefs.neverMenu(url),
    filled: (tabId, itemId) => fill.filled(tabId, itemId),
    codeLogin(tabId, url) {
      const id = fill.rememberedFor(tabId);
      if (id === undefined || !loginsFor(url).includes(id)) return undefined;
      const item = vault.get(id);
      return item?.type === 'login' && item.otp ? item : undefined;
    },
    async generate(facts, constraints, username) {
      const ctx = await session.unlocked();
      const options = generatorOptionsSchema.parse({ mode: 'password' });
      const { value } = generateForSite(options, constraints ?? {});
      const host = siteOf(facts.url)?.host ?? facts.origin;
      await vault.save(ctx, {
        type: 'login',
        title: host,
        username,
        password: value,
        urls: [{ url: facts.origin, match: 'domain' }],
      });
      return value;
    },
    offer: (tabId) => saves.offer(tabId),
    warning: (tabId) => watch.warningFor(tabId),
    act: (tabId, action) => saves.act(tabId, action),
    dismissWarning: (tabId) => {
      watch.dismiss(tabId);
      void fields.showBadge(tabId);
    },
    openPopup,
  });
  const handlers = createInpageHandlers({
    menu,
    submitted(sender, form) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.url) return;
      watch.submitted(tabId, sender.url, form.password, savedPasswordsFor(sender.url));
      saves.hold(tabId, sender.url, form, fill.rememberedFor(tabId));
    },
  });

  return {
    fill,
    fields,
    fillShortcut,
    openPopup,
    loginsFor,
    menu,
    handlers,
    watch,
    saves,
    sitePrefs,
  };
}
