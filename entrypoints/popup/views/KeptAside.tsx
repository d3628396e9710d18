/**
 * Items kept from before a reset (issue 11): the old password brings them into the new vault as
 * new items, which then sync like any edit; or they are deleted. A wrong password changes
 * nothing and says so.
 */
import { useState } from 'preact/hooks';
import { ConfirmButton } from '@/components/ConfirmButton';
import { errorCode } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { keptOfferText } from '@/components/KeptAside';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { formatDateTime } from '@/components/time';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AppStatus } from '@/lib/messaging/protocol';
import { applyStatus, navigate, onStateError, refreshStatus, showToast } from '../model';

function broughtInText(broughtIn: number, notReadable: number): string {
  const count = String(broughtIn);
  const left = String(notReadable);
  const done = broughtIn === 1 ? t('keptBroughtInOne') : t('keptBroughtIn', count);
  return notReadable > 0 ? `${done} ${t('keptNotReadable', left)}` : done;
}

export function KeptAsideView({ status, setKey }: { status: AppStatus; setKey: string }) {
  const field = useFocusOnMount<HTMLInputElement>();
  const [password, setPassword] = useState('');
  const [wrong, setWrong] = useState(false);
  const offer = status.keptAside?.offers?.find((candidate) => candidate.key === setKey);
  const lang = document.documentElement.lang || 'en';

  const bringIn = useAction(
    async () => {
      setWrong(false);
      const { broughtIn, notReadable } = await send('keptAside.bringIn', {
        key: setKey,
        password,
      });
      showToast({ text: broughtInText(broughtIn, notReadable) });
      await refreshStatus();
      navigate({ name: 'vault' });
    },
    (error) => {
      setWrong(errorCode(error) === 'wrong-password');
      setPassword('');
      field.current?.focus();
      onStateError(error);
    },
  );
  const remove = useAction(async () => {
    applyStatus(await send('keptAside.delete', { key: setKey }), { name: 'vault' });
  });

  if (!offer) {
    // Brought in or deleted meanwhile (another popup, the 30 days): nothing left to offer.
    return (
      <section class="stack">
        <h1>{t('keptTitle')}</h1>
        <button type="button" onClick={() => navigate({ name: 'vault' })}>
          {t('backToVault')}
        </button>
      </section>
    );
  }

  const unsent = String(offer.unsent);
  const until = formatDateTime(offer.deleteAt, lang);
  return (
    <form
      class="stack"
      aria-busy={bringIn.busy}
      onSubmit={(event) => {
        event.preventDefault();
        if (password) void bringIn.run();
        else bringIn.setError(t('passwordMissing'));
      }}
    >
      <h1>{t('keptTitle')}</h1>
      <p>{keptOfferText(offer)}</p>
      {offer.unsent > 0 && <p class="muted">{t('keptUnsent', unsent)}</p>}
      <p class="muted">{t('keptUntil', until)}</p>
      <PasswordField
        label={t('oldPasswordLabel')}
        autoComplete="off"
        value={password}
        inputRef={field}
        onInput={setPassword}
        help={t('oldPasswordHelp')}
      />
      <ErrorNotice>{bringIn.error && (wrong ? t('keptWrongPassword') : bringIn.error)}</ErrorNotice>
      <div class="row">
        <button type="button" onClick={() => navigate({ name: 'vault' })}>
          {t('back')}
        </button>
        <button type="submit" class="primary" disabled={bringIn.busy}>
          {bringIn.busy ? t('keptBringingIn') : t('keptBringIn')}
        </button>
      </div>
      <ConfirmButton
        label={t('keptDeleteNow')}
        warning={t('keptDeleteWarning')}
        confirm={t('keptDeleteConfirm')}
        busy={remove.busy}
        danger
        onConfirm={() => void remove.run()}
      />
      <ErrorNotice>{remove.error}</ErrorNotice>
    </form>
  );
}
