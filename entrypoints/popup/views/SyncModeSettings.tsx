/**
 * Settings → Sync: where the vault lives (DESIGN §5). Choosing the other option asks first and
 * says what will happen; the switch runs in the background (handlers/sync-mode.ts), which talks
 * to the server before it changes anything here, so a failure leaves everything as it was.
 */
import { useState } from 'preact/hooks';
import { describeError, errorCode } from '@/components/errors';
import { useAction } from '@/components/hooks';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { SyncStatus } from '@/lib/messaging/protocol';
import { onStateError, refreshStatus } from '../model';

type Mode = 'cloud' | 'local';

/** What the user is told after a switch: done, or on but still uploading. */
function resultOf(mode: Mode, after: SyncStatus): string {
  if (mode === 'local') return t('syncModeDoneLocal');
  return after.state === 'idle' ? t('syncModeDoneCloud') : t('syncModeCloudPending');
}

/** Why nothing changed, in words; offline is the likely one, so it says what to do. */
function failureOf(error: unknown): string {
  if (errorCode(error) === 'server-unreachable') return t('syncModeOffline');
  const reason = describeError(error);
  return t('syncModeFailed', reason);
}

export function SyncModeSettings({ sync }: { sync?: SyncStatus }) {
  const current: Mode = sync?.localOnly ? 'local' : 'cloud';
  const [chosen, setChosen] = useState<Mode>();
  const [result, setResult] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const asking = chosen !== undefined && chosen !== current;
  const selected = asking ? chosen : current;

  const switchMode = useAction(async (mode: Mode) => {
    setResult(undefined);
    setFailure(undefined);
    try {
      const after = await send('sync.setMode', { mode });
      setResult(resultOf(mode, after));
    } catch (caught) {
      setFailure(failureOf(caught));
      onStateError(caught);
    } finally {
      setChosen(undefined);
      await refreshStatus();
    }
  });

  const option = (mode: Mode, label: string, hint: string) => (
    <div class="stack">
      <label class="check">
        <input
          type="radio"
          name="sync-mode"
          value={mode}
          checked={selected === mode}
          disabled={switchMode.busy}
          aria-describedby={`sync-mode-${mode}-hint`}
          onChange={() => {
            setChosen(mode);
            setResult(undefined);
            setFailure(undefined);
          }}
        />
        <span>{label}</span>
      </label>
      <p id={`sync-mode-${mode}-hint`} class="muted">
        {hint}
      </p>
    </div>
  );

  return (
    <section aria-labelledby="sync-mode-heading" class="stack">
      <h2 id="sync-mode-heading">{t('syncModeTitle')}</h2>
      <fieldset class="choice">
        <legend class="visually-hidden">{t('syncModeTitle')}</legend>
        {option('cloud', t('syncModeCloud'), t('syncModeCloudHint'))}
        {option('local', t('syncModeLocal'), t('syncModeLocalHint'))}
      </fieldset>
      {asking && (
        <div class="confirm" role="group" aria-labelledby="sync-mode-heading">
          <p class="notice warning">
            {chosen === 'local' ? t('syncModeConfirmLocal') : t('syncModeConfirmCloud')}
          </p>
          <div class="row">
            <button type="button" disabled={switchMode.busy} onClick={() => setChosen(undefined)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              class={chosen === 'local' ? 'danger' : undefined}
              disabled={switchMode.busy}
              onClick={() => void switchMode.run(chosen)}
            >
              {switchMode.busy
                ? t('syncModeSwitching')
                : chosen === 'local'
                  ? t('syncModeSwitchLocal')
                  : t('syncModeSwitchCloud')}
            </button>
          </div>
        </div>
      )}
      {result && <StatusNotice>{result}</StatusNotice>}
      <ErrorNotice>{failure}</ErrorNotice>
    </section>
  );
}
