/**
 * The account's signed-in devices, each with when it signed in, was last seen and last unlocked
 * (devices report their unlocks with their next sync), so a user can tell which one may still
 * open. Settings → Devices and the reset guidance list them, each in the order it needs;
 * `action` puts a control beside each one (e.g. sign it out).
 */
import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';
import { formatAgo, formatDateTime } from './time';

/** A device as both lists know it (DeviceSession of account.info, DeviceInfo of account.devices). */
export interface ListedDevice {
  id: string;
  /** Browser and OS, as that device named itself at sign-in ("Firefox on Linux"). */
  deviceName: string;
  createdAt: number;
  lastSeenAt: number;
  /** The last unlock that device reported; absent or null when it never reported one. */
  lastUnlockedAt?: number | null;
  /** This device. */
  current?: boolean;
}

type Order = (a: ListedDevice, b: ListedDevice) => number;

/** Most recently unlocked first: the one most likely to open still (the reset guidance). */
export const byLastUnlocked: Order = (a, b) =>
  (b.lastUnlockedAt ?? 0) - (a.lastUnlockedAt ?? 0) || b.lastSeenAt - a.lastSeenAt;

/** This device first, then the most recently seen (Settings → Devices). */
export const thisDeviceFirst: Order = (a, b) =>
  Number(b.current ?? false) - Number(a.current ?? false) || b.lastSeenAt - a.lastSeenAt;

export function DeviceList<D extends ListedDevice>(props: {
  devices: readonly D[];
  order: Order;
  now: number;
  lang: string;
  /** The id of the heading that names the list. */
  labelledBy?: string;
  action?: (device: D) => ComponentChildren;
}) {
  const { now, lang } = props;
  const devices = [...props.devices].sort(props.order);
  return (
    <ul class="devices" aria-labelledby={props.labelledBy}>
      {devices.map((device) => {
        const created = formatDateTime(device.createdAt, lang);
        const seen = formatAgo(device.lastSeenAt, now, lang);
        const unlockedAt = device.lastUnlockedAt ?? undefined;
        const unlocked = unlockedAt === undefined ? undefined : formatAgo(unlockedAt, now, lang);
        return (
          <li
            key={device.id}
            class="stack device"
            data-device={device.current ? 'current' : 'other'}
          >
            <strong>
              {device.current ? t('deviceThis', device.deviceName) : device.deviceName}
            </strong>
            <span class="muted">{t('deviceCreated', created)}</span>
            <span title={formatDateTime(device.lastSeenAt, lang)}>{t('deviceLastSeen', seen)}</span>
            {unlockedAt === undefined || unlocked === undefined ? (
              <span>{t('deviceNeverUnlocked')}</span>
            ) : (
              <span title={formatDateTime(unlockedAt, lang)}>
                {t('deviceLastUnlocked', unlocked)}
              </span>
            )}
            {props.action?.(device)}
          </li>
        );
      })}
    </ul>
  );
}
