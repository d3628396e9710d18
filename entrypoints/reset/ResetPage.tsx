/**
 * The reset, done in the extension (DESIGN §5): what will be erased and what stays (the server's
 * word for the link or code the popup took), the new password twice with its strength, a new hint
 * and a confirmation; then the work, made on this device by the background; then the new
 * Emergency Kit and the way into the new, empty vault (ResetDone.tsx).
 *
 * The page never holds the emailed token: the background keeps it, so it is in no URL or history.
 * Opened without one (or with one that no longer works), it asks for the link or code itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { describeError, errorCode } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import {
  NewPasswordFields,
  focusFirstInvalid,
  newPasswordProblems,
  useNewPassword,
  type NewPasswordProblems,
} from '@/components/NewPasswordFields';
import { ErrorNotice } from '@/components/Notice';
import { planName } from '@/components/plan';
import { ResetEmailForm, type ResetProofText } from '@/components/ResetEmailForm';
import { configuredServer } from '@/components/server';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { EmergencyKit, ResetPreview } from '@/lib/messaging/protocol';
import { ResetDone } from './ResetDone';

type View =
  | { kind: 'loading' }
  /** No reset open here, or the one given no longer works (`refused` says why). */
  | { kind: 'ask'; refused?: string }
  /** The server could not say (offline…): try again. */
  | { kind: 'failed'; text: string }
  | { kind: 'ready'; preview: ResetPreview }
  | { kind: 'done'; kit: EmergencyKit };

/** The server no longer takes the link or code: a new email is the way on. */
const REFUSED = ['reset-link-invalid', 'reset-code-invalid', 'reset-no-request'];

function viewAfter(error: unknown): View {
  const code = errorCode(error);
  if (code === 'reset-none') return { kind: 'ask' };
  if (REFUSED.includes(code)) return { kind: 'ask', refused: describeError(error) };
  return { kind: 'failed', text: describeError(error) };
}

export function ResetPage() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const load = () => {
    setView({ kind: 'loading' });
    send('account.resetPreview', {}).then(
      (preview) => setView({ kind: 'ready', preview }),
      (error: unknown) => setView(viewAfter(error)),
    );
  };
  useEffect(() => {
    document.title = t('resetPageTitle');
    load();
  }, []);
  return (
    <main class="reset-page" key={view.kind}>
      {view.kind === 'loading' && (
        <div class="stack">
          <h1>{t('resetPageTitle')}</h1>
          <p role="status">{t('resetPageLoading')}</p>
        </div>
      )}
      {view.kind === 'ask' && (
        <AskForProof
          refused={view.refused}
          onOpen={(preview) => setView({ kind: 'ready', preview })}
        />
      )}
      {view.kind === 'failed' && (
        <div class="stack">
          <Heading text={t('resetPageTitle')} />
          <ErrorNotice>{view.text}</ErrorNotice>
          <button type="button" class="primary" onClick={load}>
            {t('resetPageRetry')}
          </button>
        </div>
      )}
      {view.kind === 'ready' && (
        <ResetForm
          preview={view.preview}
          onDone={(kit) => setView({ kind: 'done', kit })}
          onRefused={(error) => setView(viewAfter(error))}
        />
      )}
      {view.kind === 'done' && <ResetDone kit={view.kit} />}
    </main>
  );
}

function Heading({ text }: { text: string }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <h1 tabIndex={-1} ref={heading}>
      {text}
    </h1>
  );
}

function AskForProof(props: { refused?: string; onOpen: (preview: ResetPreview) => void }) {
  const open = useAction(async (proof: ResetProofText) => {
    props.onOpen(await send('account.resetOpen', { proof, serverUrl: configuredServer() }));
  });
  return (
    <div class="stack">
      <Heading text={props.refused ? t('resetPageRefusedTitle') : t('resetPageTitle')} />
      {props.refused ? (
        <>
          <p class="notice error" data-reset-refused="">
            {props.refused}
          </p>
          <p>{t('resetPageRefusedWhat')}</p>
        </>
      ) : (
        <p>{t('resetPageNoneIntro')}</p>
      )}
      <ResetEmailForm busy={open.busy} error={open.error} onSubmit={(p) => void open.run(p)} />
    </div>
  );
}

/** What the reset erases, in words that count the items. */
function erasesText(preview: ResetPreview): string {
  const count = String(preview.itemCount);
  if (preview.itemCount === 0) return t('resetPageErasesNone', preview.email);
  if (preview.itemCount === 1) return t('resetPageErasesOne', preview.email);
  return t('resetPageErasesMany', [count, preview.email]);
}

interface Problems extends NewPasswordProblems {
  understood?: string;
}

function ResetForm(props: {
  preview: ResetPreview;
  onDone: (kit: EmergencyKit) => void;
  onRefused: (error: unknown) => void;
}) {
  const { preview } = props;
  const choice = useNewPassword(preview.email);
  const { password, hint } = choice;
  const [understood, setUnderstood] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const plan = planName(preview.plan);

  const reset = useAction(
    async () => props.onDone(await send('account.reset', { password, hint: hint.trim() })),
    (error) => {
      if (REFUSED.includes(errorCode(error)) || errorCode(error) === 'reset-none') {
        props.onRefused(error);
      }
    },
  );

  const submit = (event: Event) => {
    event.preventDefault();
    // The first estimate may still be on its way: this submit comes back once it is in.
    if (choice.estimate.deferSubmit(event.currentTarget as HTMLFormElement)) return;
    const found: Problems = newPasswordProblems(choice);
    if (!understood) found.understood = t('resetPageMustConfirm');
    setProblems(found);
    if (Object.values(found).some(Boolean)) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    void reset.run();
  };

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={reset.busy}>
      <Heading text={t('resetPageTitle')} />
      <p class="notice warning" data-reset-erases="">
        {erasesText(preview)} {t('resetPageErasesKeys')}
      </p>
      <h2>{t('resetPageKeepsTitle')}</h2>
      <ul>
        <li>{t('resetPageKeepsAccount', preview.email)}</li>
        <li>{t('resetPageKeepsPlan', plan)}</li>
      </ul>
      <h2>{t('resetPageNewPasswordTitle')}</h2>
      <p class="muted">{t('resetPageNewPasswordIntro')}</p>
      <NewPasswordFields
        labels={{ password: t('newPasswordLabel'), confirm: t('confirmNewPasswordLabel') }}
        choice={choice}
        problems={problems}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={understood}
          aria-invalid={problems.understood ? true : undefined}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
        />
        <span>{t('resetPageConfirmCheck')}</span>
      </label>
      {problems.understood && !understood && (
        <p class="field-note error" role="alert">
          {problems.understood}
        </p>
      )}
      <ErrorNotice>{reset.error}</ErrorNotice>
      {reset.busy ? (
        <div class="stack">
          <progress aria-label={t('resetPageProgressLabel')} />
          <p role="status">{t('resetPageWorking')}</p>
        </div>
      ) : (
        <button type="submit" class="danger">
          {t('resetPageSubmit')}
        </button>
      )}
    </form>
  );
}
