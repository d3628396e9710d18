/** The popup's side of filling: ask the background, then close, ask a question, or say why not. */
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '@/components/errors';
import { fillReasonText } from '@/components/FillQuestion';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { FillOutcome, ItemSummary } from '@/lib/messaging/protocol';
import { onStateError } from './model';
import { targetTabId } from './vault-client';

type Question = Extract<FillOutcome, { kind: 'confirm' }>;

export function useFill(onError: (message: string | undefined) => void) {
  type Confirmed = { insecurePage?: boolean; crossOriginFrame?: boolean };
  const [pending, setPending] = useState<{
    item: ItemSummary;
    question: Question;
    confirmed?: Confirmed;
  }>();

  const fill = async (item: ItemSummary, confirmed?: Confirmed) => {
    setPending(undefined);
    onError(undefined);
    try {
      const outcome = await send('autofill.fill', {
        itemId: item.id,
        ...(targetTabId() === undefined ? {} : { tabId: targetTabId() }),
        ...(confirmed ? { confirmed } : {}),
      });
      if (outcome.kind === 'filled') {
        // As peers do: the popup gets out of the way of the page it just filled.
        globalThis.close();
      } else if (outcome.kind === 'confirm') {
        setPending({ item, question: outcome, confirmed });
      } else {
        onError(t(fillReasonText[outcome.reason]));
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
        if (outcome?.kind === 'refused') onError(t(fillReasonText[outcome.reason]));
        if (outcome?.kind === 'confirm' && itemId) {
          const item = await send('vault.get', { id: itemId });
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
    /** The user said yes to everything the question asked. */
    confirm: () => {
      if (!pending) return;
      const asked = pending.question.confirm;
      void fill(pending.item, {
        ...pending.confirmed,
        ...(asked.includes('insecure-page') ? { insecurePage: true } : {}),
        ...(asked.includes('cross-origin-frame') ? { crossOriginFrame: true } : {}),
      });
    },
    cancel: () => setPending(undefined),
  };
}
