/** The popup's top: the name, and while unlocked the lock countdown, the lock button and the tabs. */
import { useEffect, useState } from 'preact/hooks';
import { formatCountdown } from '@/components/time';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AppStatus } from '@/lib/messaging/protocol';
import { applyStatus, navigate, refreshStatus } from './model';
import type { RouteName } from './route';

export function LockCountdown({ lockAt }: { lockAt: number }) {
  // A tick to render again; the time left is read at render. A deadline the background just moved
  // (every message pushes it back) against a clock read up to a second ago showed "15:01" of a
  // 15-minute setting (issue 13).
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => {
      const time = Date.now();
      setTick(time);
      // The background locks on its own alarm; ask it once the time is up, and now and then,
      // because activity elsewhere (another popup, a fill) may have pushed the time back.
      if (time >= lockAt + 500 || Math.floor(time / 1000) % 20 === 0) void refreshStatus();
    }, 1000);
    return () => clearInterval(timer);
  }, [lockAt]);
  const left = formatCountdown(lockAt - Date.now());
  return (
    <span class="countdown" role="timer" aria-label={t('locksInLabel', left)}>
      {t('locksIn', left)}
    </span>
  );
}

export function Header({ status }: { status?: AppStatus }) {
  const unlocked = status?.state === 'unlocked' && !status.kitPending;
  const lock = async () => {
    try {
      applyStatus(await send('session.lock', {}));
    } catch {
      await refreshStatus();
    }
  };
  return (
    <header class="popup-header">
      <img src="/icon/32.png" alt="" width={20} height={20} />
      <span class="brand">{t('extName')}</span>
      {unlocked && status.lockAt !== undefined && <LockCountdown lockAt={status.lockAt} />}
      {unlocked && (
        <button type="button" class="small" onClick={() => void lock()}>
          {t('lockNow')}
        </button>
      )}
    </header>
  );
}

const tabs: Array<{ name: RouteName; label: () => string }> = [
  { name: 'vault', label: () => t('navVault') },
  { name: 'generator', label: () => t('navGenerator') },
  { name: 'settings', label: () => t('navSettings') },
];

export function NavBar({ current }: { current: RouteName }) {
  const active =
    current === 'item' || current === 'edit' || current === 'kept'
      ? 'vault'
      : current === 'password' || current === 'kit-again'
        ? 'settings'
        : current;
  return (
    <nav class="tabs" aria-label={t('navLabel')}>
      {tabs.map((tab) => (
        <button
          key={tab.name}
          type="button"
          aria-current={tab.name === active ? 'page' : undefined}
          onClick={() => navigate({ name: tab.name } as { name: 'vault' })}
        >
          {tab.label()}
        </button>
      ))}
    </nav>
  );
}
