/**
 * Settings: auto-lock, sync, site access and the inline menu, the "never" sites, the account,
 * signing out, the plan, the devices, keyboard shortcuts.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { ConfirmButton } from '@/components/ConfirmButton';
import { describeError } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { signOutWarning } from '@/components/KeptAside';
import { ErrorNotice } from '@/components/Notice';
import { SiteAccessSettings } from '@/components/SiteAccess';
import { formatAgo } from '@/components/time';
import { t, tn, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AccountInfo, AppStatus, SyncStatus } from '@/lib/messaging/protocol';
import { AUTO_LOCK_MINUTES, type Settings } from '@/lib/messaging/settings';
import { openShortcutSettings } from '@/lib/platform/shortcuts';
import { applyStatus, navigate, onStateError, refreshStatus } from '../model';
import { DeviceSettings } from './DeviceSettings';
import { PasskeySettings } from './PasskeySettings';
import { PlanSettings } from './PlanSettings';
import { SitePrefsSettings } from './SitePrefsSettings';
import { SyncModeSettings } from './SyncModeSettings';

/** The full-tab export page (entrypoints/export): it asks for the account password again. */
const EXPORT_PAGE = browser.runtime.getURL('/export.html');

const CLEAR_SECONDS = [10, 20, 30, 60, 120, 300];

const syncText: Record<SyncStatus['state'], MessageKey> = {
  idle: 'syncIdle',
  syncing: 'syncSyncing',
  offline: 'syncOffline',
  error: 'syncError',
  off: 'syncOffLocal',
};

function SyncSection({ sync }: { sync?: SyncStatus }) {
  const lang = document.documentElement.lang || 'en';
  const now = useAction(async () => {
    await send('sync.now', {});
    await refreshStatus();
  }, onStateError);
  const last = sync?.lastSyncAt ? formatAgo(sync.lastSyncAt, Date.now(), lang) : undefined;
  const state = sync?.state ?? 'idle';
  return (
    <section aria-labelledby="sync-heading" class="stack">
      <h2 id="sync-heading">{t('syncTitle')}</h2>
      <p data-sync-state={state}>
        {t(syncText[state])} {last ? t('syncLast', last) : t('syncNever')}
      </p>
      {sync && sync.pending > 0 && <p class="muted">{tn('syncPending', sync.pending)}</p>}
      <ErrorNotice>{now.error}</ErrorNotice>
      <button type="button" onClick={() => void now.run()} disabled={now.busy}>
        {now.busy ? t('syncSyncing') : t('syncNow')}
      </button>
    </section>
  );
}

/** "a.com b.com" per line → groups; the line number of the first line that is not a group. */
export function parseEquivalents(text: string): { groups: string[][] } | { badLine: number } {
  const groups: string[][] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const domains = line
      .split(/[\s,;]+/)
      .map((d) =>
        d
          .trim()
          .toLowerCase()
          .replace(/^https?:\/\//, '')
          .replace(/\/.*$/, ''),
      )
      .filter(Boolean);
    if (domains.length === 0) continue;
    const valid = domains.every((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d));
    if (!valid || new Set(domains).size < 2) return { badLine: index + 1 };
    groups.push([...new Set(domains)]);
  }
  return { groups };
}

function RelatedSites(props: {
  groups: string[][];
  onSave: (groups: string[][]) => Promise<void>;
}) {
  const [text, setText] = useState(props.groups.map((g) => g.join(' ')).join('\n'));
  const [problem, setProblem] = useState<string>();
  const save = async () => {
    const parsed = parseEquivalents(text);
    if ('badLine' in parsed) {
      const line = String(parsed.badLine);
      return setProblem(t('equivalentInvalid', line));
    }
    setProblem(undefined);
    await props.onSave(parsed.groups);
  };
  return (
    <section aria-labelledby="related-heading" class="stack">
      <h2 id="related-heading">{t('equivalentTitle')}</h2>
      <label class="field">
        <span class="muted">{t('equivalentHelp')}</span>
        <textarea
          rows={3}
          value={text}
          spellcheck={false}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <ErrorNotice>{problem}</ErrorNotice>
      <button type="button" onClick={() => void save()}>
        {t('equivalentSave')}
      </button>
    </section>
  );
}

function Shortcuts() {
  const [commands, setCommands] = useState<Browser.commands.Command[]>([]);
  useEffect(() => {
    browser.commands?.getAll().then(setCommands, () => setCommands([]));
  }, []);
  const open = () => void openShortcutSettings();
  return (
    <section aria-labelledby="shortcuts-heading" class="stack">
      <h2 id="shortcuts-heading">{t('shortcutsTitle')}</h2>
      {commands.length > 0 && (
        <dl class="shortcuts">
          {commands.map((command) => (
            <div key={command.name} class="detail-row">
              <dt>{command.description || t('shortcutOpenPopup')}</dt>
              <dd>
                <kbd>{command.shortcut || t('shortcutNone')}</kbd>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <button type="button" onClick={open}>
        {t('shortcutsChange')}
      </button>
    </section>
  );
}

export function SettingsView({ status }: { status: AppStatus }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [settings, setSettings] = useState<Settings>();
  const [account, setAccount] = useState<AccountInfo>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    send('settings.get', {}).then(setSettings, (e: unknown) => setError(describeError(e)));
    send('account.info', {}).then(setAccount, () => undefined);
  }, []);

  const update = async (patch: Partial<Settings>) => {
    try {
      setSettings(await send('settings.set', patch));
      setError(undefined);
      void refreshStatus(); // a new auto-lock time moves the countdown
    } catch (caught) {
      setError(describeError(caught));
      onStateError(caught);
    }
  };
  const signOut = useAction(async () => applyStatus(await send('account.signOut', {})));

  return (
    <section class="stack settings">
      <h1 tabIndex={-1} ref={heading}>
        {t('settingsTitle')}
      </h1>
      <ErrorNotice>{error}</ErrorNotice>
      {settings && (
        <section aria-labelledby="lock-heading" class="stack">
          <h2 id="lock-heading">{t('lockTitle')}</h2>
          <label class="field">
            <span>{t('autoLockLabel')}</span>
            <select
              value={String(settings.autoLockMinutes)}
              onChange={(e) => void update({ autoLockMinutes: Number(e.currentTarget.value) })}
            >
              {AUTO_LOCK_MINUTES.map((m) => (
                <option key={m} value={String(m)}>
                  {m < 60 ? tn('minutesN', m) : tn('hoursN', m / 60)}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.lockOnSystemLock}
              onChange={(e) => void update({ lockOnSystemLock: e.currentTarget.checked })}
            />
            <span>{t('lockOnSystemLock')}</span>
          </label>
          <label class="field">
            <span>{t('clipboardClearLabel')}</span>
            <select
              value={String(settings.clipboardClearSeconds)}
              onChange={(e) =>
                void update({ clipboardClearSeconds: Number(e.currentTarget.value) })
              }
            >
              {CLEAR_SECONDS.map((s) => (
                <option key={s} value={String(s)}>
                  {tn('secondsN', s)}
                </option>
              ))}
            </select>
          </label>
        </section>
      )}
      <PasskeySettings />
      <SyncSection sync={status.sync} />
      <SyncModeSettings sync={status.sync} />
      <SiteAccessSettings />
      {settings && (
        <div class="stack">
          <label class="check">
            <input
              type="checkbox"
              checked={settings.inlineMenu}
              aria-describedby="inline-menu-hint"
              onChange={(e) => void update({ inlineMenu: e.currentTarget.checked })}
            />
            <span>{t('inlineMenuLabel')}</span>
          </label>
          <p id="inline-menu-hint" class="muted">
            {t('inlineMenuHint')}
          </p>
        </div>
      )}
      <SitePrefsSettings />
      {settings && (
        <RelatedSites
          groups={settings.equivalentDomains}
          onSave={(groups) => update({ equivalentDomains: groups })}
        />
      )}
      <section aria-labelledby="account-heading" class="stack">
        <h2 id="account-heading">{t('accountTitle')}</h2>
        <dl class="details">
          <div class="detail-row">
            <dt>{t('emailLabel')}</dt>
            <dd>{account?.email ?? status.email}</dd>
          </div>
          <div class="detail-row">
            <dt>{t('serverUrlLabel')}</dt>
            <dd>{account?.serverUrl ?? status.serverUrl}</dd>
          </div>
        </dl>
        <button type="button" onClick={() => navigate({ name: 'password' })}>
          {t('changePasswordOpen')}
        </button>
        <button type="button" onClick={() => navigate({ name: 'kit-again' })}>
          {t('kitAgainOpen')}
        </button>
        <button type="button" onClick={() => void browser.tabs.create({ url: EXPORT_PAGE })}>
          {t('exportOpen')}
        </button>
        <ConfirmButton
          label={t('signOut')}
          warning={signOutWarning(status.keptAside)}
          confirm={t('signOutConfirm')}
          busy={signOut.busy}
          onConfirm={() => void signOut.run()}
        />
        <ErrorNotice>{signOut.error}</ErrorNotice>
      </section>
      {account && (
        <PlanSettings
          plan={account.plan}
          onPlan={(plan) => setAccount((info) => info && { ...info, plan })}
        />
      )}
      {account && <DeviceSettings sessions={account.sessions} onAccount={setAccount} />}
      <button type="button" onClick={() => navigate({ name: 'health' })}>
        {t('healthOpen')}
      </button>
      <Shortcuts />
      <a href="/import.html" target="_blank" rel="noopener">
        {t('importOpen')}
      </a>
      <a href="/privacy.html" target="_blank" rel="noopener">
        {t('privacyOpen')}
      </a>
    </section>
  );
}
