/**
 * "I have a reset email": the link pasted or the code typed, or the link of the tab the popup was
 * opened on (the server's reset page: the toolbar click lets the popup read that tab's address).
 * The background checks it with the server and keeps it; the reset itself happens on the reset
 * page, a full tab of the extension, which replaces the server's page in that tab.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorCode, describeError } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ResetEmailForm, type ResetProofText } from '@/components/ResetEmailForm';
import { parseResetLink } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AppStatus } from '@/lib/messaging/protocol';
import { navigate, server } from '../model';
import type { GuideBack } from '../route';

type Pending = { email?: string; serverUrl?: string; expiresAt?: number };

/** The failure as a sentence; a link to another server names both servers. */
function failureText(error: unknown, proof: ResetProofText, ours: string): string {
  if (errorCode(error) === 'reset-other-server' && 'link' in proof) {
    const link = parseResetLink(proof.link);
    if (link) return t('resetOtherServerDetail', [link.serverUrl, ours]);
  }
  return describeError(error);
}

/** Failures after which a new email is the way on. */
const needsNewEmail = ['reset-link-invalid', 'reset-code-invalid', 'reset-no-request'];

export function ResetEmail(props: {
  status: AppStatus;
  /** Came from the reset guidance, which itself goes back here. */
  guideBack?: GuideBack;
  link?: string;
  tabId?: number;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [pending, setPending] = useState<Pending>();
  const [failed, setFailed] = useState<{ text: string; code: string }>();
  const ours = props.status.serverUrl ?? server.value;
  const lang = document.documentElement.lang || 'en';
  const guide = {
    name: 'reset',
    back: props.guideBack ?? (props.status.state === 'locked' ? 'unlock' : 'welcome'),
  } as const;

  useEffect(() => {
    send('account.resetPending', {}).then(setPending, () => setPending({}));
  }, []);

  const open = useAction(async (proof: ResetProofText, tabId?: number) => {
    setFailed(undefined);
    try {
      await send('account.resetOpen', { proof, serverUrl: ours });
    } catch (error) {
      setFailed({ text: failureText(error, proof, ours), code: errorCode(error) });
      return;
    }
    const url = browser.runtime.getURL('/reset.html');
    // The server's page turns into ours; a pasted link or code opens the reset in a new tab.
    if (tabId === undefined) await browser.tabs.create({ url });
    else await browser.tabs.update(tabId, { url, active: true });
    globalThis.close();
  });

  useEffect(() => {
    if (props.link) void open.run({ link: props.link }, props.tabId);
  }, []);

  const until =
    pending?.expiresAt === undefined
      ? undefined
      : new Date(pending.expiresAt).toLocaleTimeString(lang, { timeStyle: 'short' });

  return (
    <section class="stack">
      <h1 tabIndex={-1} ref={heading}>
        {t('resetEmailTitle')}
      </h1>
      {props.link && open.busy && <p role="status">{t('resetEmailReading')}</p>}
      <p>{t('resetEmailIntro')}</p>
      {pending &&
        (pending.email && until ? (
          <p class="muted" data-reset-pending="">
            {t('resetEmailPending', [pending.email, until])}
          </p>
        ) : (
          <p class="muted">{t('resetEmailNoPending')}</p>
        ))}
      <ResetEmailForm
        busy={open.busy}
        error={failed?.text ?? open.error}
        onSubmit={(proof) => void open.run(proof)}
      />
      {failed && needsNewEmail.includes(failed.code) && props.status.state !== 'unlocked' && (
        <button type="button" onClick={() => navigate(guide)}>
          {t('resetAskNewEmail')}
        </button>
      )}
      <button type="button" onClick={() => navigate(props.guideBack ? guide : { name: 'home' })}>
        {t('back')}
      </button>
    </section>
  );
}
