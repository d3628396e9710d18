/** Autofill messages: the popup asks for a fill, the fill script in each frame asks for its part. */
import type { Handlers, Sender } from '../router';
import type { createFieldsService } from '../services/fields';
import type { createFillService } from '../services/fill';
import type { VaultContext } from '../services/vault';

export function createAutofillHandlers(deps: {
  fill: ReturnType<typeof createFillService>;
  fields: ReturnType<typeof createFieldsService>;
  unlocked: () => Promise<VaultContext>;
  /** Whether the inline menu would open in the sender's frame (its setting, the site's). */
  menuWanted: (sender: Sender) => Promise<boolean>;
}) {
  return {
    'autofill.fill': async ({ itemId, tabId, confirmed }) => {
      await deps.unlocked();
      return deps.fill.fillTab(itemId, confirmed, tabId);
    },
    'autofill.remembered': async ({ tabId }) => {
      await deps.unlocked();
      return deps.fill.rememberedIn(tabId);
    },
    'autofill.notice': async () => {
      await deps.unlocked();
      return deps.fill.takeNotice();
    },
    // Locked or not: the badge is simply empty while locked.
    'autofill.fields': async ({ present }, ctx) => {
      await deps.fields.reported(ctx.sender, present);
      return { menu: await deps.menuWanted(ctx.sender) };
    },
    'autofill.request': async (fields, ctx) => {
      await deps.unlocked();
      return deps.fill.answerFrame(ctx.sender, fields);
    },
  } satisfies Partial<Handlers>;
}
