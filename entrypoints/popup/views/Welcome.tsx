/**
 * First view on a device with no account: create one, sign in, or pick a self-hosted server.
 * After a sign-out the server forced, why (with the date) and what this device kept aside: then
 * signing in comes first.
 */
import { ConfirmButton } from '@/components/ConfirmButton';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { KeptNote } from '@/components/KeptAside';
import { LockReasonNote } from '@/components/LockReason';
import { ErrorNotice } from '@/components/Notice';
import { ServerAddress } from '@/components/ServerAddress';
import { t } from '@/lib/i18n';
import type { AppStatus } from '@/lib/messaging/protocol';
import { send } from '@/lib/messaging/client';
import { applyStatus, chooseServer, navigate, server } from '../model';

function ServerChoice() {
  return (
    <details class="advanced">
      <summary>{t('advancedServer')}</summary>
      <ServerAddress value={server.value} onUse={chooseServer} usedNote={t('serverSaved')} />
    </details>
  );
}

export function Welcome({ status }: { status: AppStatus }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const kept = status.keptAside;
  const again = kept?.signInAs !== undefined;
  const deleteKept = useAction(async () => applyStatus(await send('keptAside.delete', {})));
  const create = (
    <button
      key="create"
      type="button"
      class={again ? undefined : 'primary'}
      onClick={() => navigate({ name: 'create' })}
    >
      {t('createAccount')}
    </button>
  );
  const signIn = (
    <button
      key="signin"
      type="button"
      class={again ? 'primary' : undefined}
      onClick={() => navigate({ name: 'signin' })}
    >
      {t('signInExisting')}
    </button>
  );
  return (
    <section class="stack">
      <h1 tabIndex={-1} ref={heading}>
        {t('welcomeTitle')}
      </h1>
      <p role="status" data-state={status.state} class="muted">
        {t('statusSignedOut')}
      </p>
      <LockReasonNote lastLock={status.lastLock} />
      {kept && <KeptNote kept={kept} />}
      <p>{t('welcomeIntro')}</p>
      {again ? [signIn, create] : [create, signIn]}
      <ServerChoice />
      <button
        type="button"
        class="link"
        onClick={() => navigate({ name: 'reset', back: 'welcome' })}
      >
        {t('lostPasswordOrKit')}
      </button>
      {kept && (
        <ConfirmButton
          label={t('keptDeleteNow')}
          warning={t('keptDeleteWarning')}
          confirm={t('keptDeleteConfirm')}
          busy={deleteKept.busy}
          onConfirm={() => void deleteKept.run()}
        />
      )}
      <ErrorNotice>{deleteKept.error}</ErrorNotice>
      <p class="muted small-print">{t('statusVersion', status.version)}</p>
    </section>
  );
}
