/**
 * The account's signed-in devices, each with when it was last seen and last unlocked (devices
 * report their unlocks with their next sync), so a user can tell which one may still open. The
 * reset guidance lists them; `action` puts a control beside each one (e.g. sign it out).
 */
import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';
import type { DeviceInfo } from '@/lib/messaging/protocol';
import { formatAgo } from './time';

export function DeviceList(props: {
  devices: readonly DeviceInfo[];
  now: number;
  lang: string;
  /** The id of the heading that names the list. */
  labelledBy?: string;
  action?: (device: DeviceInfo) => ComponentChildren;
}) {
  const { now, lang } = props;
  // Most recently unlocked first: the one most likely to open still.
  const devices = [...props.devices].sort(
    (a, b) => (b.lastUnlockedAt ?? 0) - (a.lastUnlockedAt ?? 0) || b.lastSeenAt - a.lastSeenAt,
  );
  return (
    <ul class="devices" aria-labelledby={props.labelledBy}>
      {devices.map((device) => {
        const seen = formatAgo(device.lastSeenAt, now, lang);
        const unlocked =
          device.lastUnlockedAt === undefined
            ? undefined
            : formatAgo(device.lastUnlockedAt, now, lang);
        return (
          <li key={device.id} class="device" data-device={device.deviceName}>
            <span class="device-name">
              {device.deviceName}
              {device.current && <span class="device-this">{t('deviceThisBadge')}</span>}
            </span>
            <span class="muted">
              {unlocked === undefined ? t('deviceNoUnlock') : t('deviceLastUnlocked', unlocked)}
            </span>
            <span class="muted">{t('deviceLastSeen', seen)}</span>
            {props.action?.(device)}
          </li>
        );
      })}
    </ul>
  );
}
