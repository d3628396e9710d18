/** Autofill messages: the popup asks for a fill, the fill script in each frame asks for its part. */
import type { Handlers } from '../router';
import type { createFillService } from '../services/fill';
import type { VaultContext } from '../services/vault';

export function createAutofillHandlers(deps: {
  fill: ReturnType<typeof createFillService>;
  unlocked: () => Promise<VaultContext>;
}) {
  return {
    'autofill.fill': async ({ itemId, tabId, confirmed }) => {
      await deps.unlocked();
      return deps.fill.fillTab(itemId, confirmed, tabId);
    },
    'autofill.notice': async () => {
      await deps.unlocked();
      return deps.fill.takeNotice();
    },
    'autofill.request': async (fields, ctx) => {
      await deps.unlocked();
      return deps.fill.answerFrame(ctx.sender, fields);
    },
  } satisfies Partial<Handlers>;
}
