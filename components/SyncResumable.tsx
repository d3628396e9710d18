/**
 * On the vault screen, when this device keeps its vault here and the server says the account
 * syncs again (status error 'sync-resumable'): the engine sent nothing, because a hostile server
 * could say so only to get the vault uploaded (README, "Against a hostile server"). The user
 * reads what happened and decides; the button is the same switch as Settings → Sync → cloud.
 */
import { useId } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/messaging/protocol';

export function SyncResumable(props: { sync?: SyncStatus; onResume: () => void; busy?: boolean }) {
  const noticeId = useId();
  if (props.sync?.state !== 'off' || props.sync.error !== 'sync-resumable') return null;
  return (
    <div class="stack sync-resumable">
      <p id={noticeId} class="notice warning" role="status">
        {t('syncResumable')}
      </p>
      <button
        type="button"
        aria-describedby={noticeId}
        disabled={props.busy}
        onClick={props.onResume}
      >
        {t('syncResumeButton')}
      </button>
    </div>
  );
}
