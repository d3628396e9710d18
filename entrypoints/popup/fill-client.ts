/** The popup's side of filling: ask the background, then close, ask a question, or say why not. */
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '@/components/errors';
import { refusalText } from '@/components/FillQuestion';
import { send } from '@/lib/messaging/client';
import type { FillOutcome, ItemSummary } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';
import { onStateError, showToast } from './model';
import { copyText, secondsUntilCleared, targetTabId } from './vault-client';

type Question = Extract<FillOutcome, { kind: 'confirm' }>;

export function useFill(onError: (message: string | undefined) => void) {
  type Confirmed = {
    insecurePage?: boolean;
    crossOriginFrame?: boolean;
    formAction?: boolean;
    equivalentSite?: boolean;
  };
  const [pending, setPending] = useState<{
    item: ItemSummary;
    question: Question;
    confirmed?: Confirmed;
  }>();
  /** The form seems to be in a frame of this other site, which the click did not reach. */
  const [frameAccess, setFrameAccess] = useState<{ item: ItemSummary; site: string }>();

  const fill = async (item: ItemSummary, confirmed?: Confirmed) => {
    setPending(undefined);
    setFrameAccess(undefined);
    onError(undefined);
    try {
      const outcome = await send('autofill.fill', {
        itemId: item.id,
        ...(targetTabId() === undefined ? {} : { tabId: targetTabId() }),
        ...(confirmed ? { confirmed } : {}),
      });
      if (outcome.kind === 'filled') {
        // As peers do: the popup gets out of the way of the page it just filled; with a code to
        // copy, once the user could read that it is on the clipboard.
        if (outcome.code) await copyCodeForNextStep(outcome.code);
        else globalThis.close();
      } else if (outcome.kind === 'confirm') {
        setPending({ item, question: outcome, confirmed });
      } else if (outcome.reason === 'frame-other-site' && outcome.frameSite) {
        setFrameAccess({ item, site: outcome.frameSite });
      } else {
        onError(refusalText(outcome));
      }
    } catch (caught) {
      onError(describeError(caught));
      onStateError(caught);
    }
  };

  // Opened by the fill shortcut after it filled nothing: say why, or ask what it needs to know.
  useEffect(() => {
    void send('autofill.notice', {})
      .then(async ({ outcome, itemId }) => {
        if (outcome?.kind === 'refused') onError(refusalText(outcome));
        if (outcome?.kind === 'confirm' && itemId) {
          const item = await send('vault.get', { id: itemId });
          if (item.type === 'site-prefs') return; // never listed, so never filled
          const row: ItemSummary = {
            id: item.id,
            type: item.type,
            title: item.title,
            favorite: item.favorite,
          };
          setPending({ item: row, question: outcome });
        }
      })
      .catch(() => undefined);
  }, []);

  return {
    fill: (item: ItemSummary) => void fill(item),
    pending,
    frameAccess,
    /** Access to the frame's site was granted: fill again, now the frame is reachable. */
    retry: () => frameAccess && void fill(frameAccess.item),
    /** The user said yes to everything the question asked. */
    confirm: () => {
      if (!pending) return;
      const asked = pending.question.confirm;
      void fill(pending.item, {
        ...pending.confirmed,
        ...(asked.includes('insecure-page') ? { insecurePage: true } : {}),
        ...(asked.includes('cross-origin-frame') ? { crossOriginFrame: true } : {}),
        ...(asked.includes('form-action') ? { formAction: true } : {}),
        ...(asked.includes('equivalent-site') ? { equivalentSite: true } : {}),
      });
    },
    cancel: () => setPending(undefined),
  };
}

/** How long the popup stays after a fill that copied the code, so the notice can be read. */
const CODE_NOTICE_MS = 2500;

/**
 * The filled login has a one-time code that no field of the page took: copied (and cleared later,
 * as a copied password is), as Bitwarden does after autofill, for the page that asks for it next.
 * Filling the same login there also fills it (the popup starts on that login).
 */
async function copyCodeForNextStep(code: string): Promise<void> {
  try {
    await copyText(code);
    const seconds = String(await secondsUntilCleared(code));
    showToast({ text: t('filledCodeCopied', seconds) }, CODE_NOTICE_MS);
    setTimeout(() => globalThis.close(), CODE_NOTICE_MS);
  } catch {
    globalThis.close(); // the fill itself worked; the code is in the login's details
  }
}

/** The login filled into this tab in the last five minutes (a two-step login's first page). */
export function useRememberedLogin(): string | undefined {
  const [itemId, setItemId] = useState<string>();
  useEffect(() => {
    const tabId = targetTabId();
    send('autofill.remembered', tabId === undefined ? {} : { tabId }).then(
      (answer) => setItemId(answer.itemId),
      () => undefined,
    );
  }, []);
  return itemId;
}
