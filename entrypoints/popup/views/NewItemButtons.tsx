/** The "new item" choice under the search field: one button per item type, each a tab stop. */
import { t, type MessageKey } from '@/lib/i18n';
import type { ItemType } from '@/lib/vault/item';
import { navigate } from '../model';

/** The editor's heading for a new item of each type. */
export const newItemTitle: Record<ItemType, MessageKey> = {
  login: 'newLoginTitle',
  note: 'newNoteTitle',
  card: 'newCardTitle',
  identity: 'newIdentityTitle',
};

export function NewItemButtons() {
  return (
    <div class="new-items" role="group" aria-label={t('newItemGroup')}>
      <button
        type="button"
        class="small"
        onClick={() => navigate({ name: 'edit', itemType: 'login' })}
      >
        {t('newLogin')}
      </button>
      <button
        type="button"
        class="small"
        onClick={() => navigate({ name: 'edit', itemType: 'note' })}
      >
        {t('newNote')}
      </button>
      <button
        type="button"
        class="small"
        onClick={() => navigate({ name: 'edit', itemType: 'card' })}
      >
        {t('newCard')}
      </button>
      <button
        type="button"
        class="small"
        onClick={() => navigate({ name: 'edit', itemType: 'identity' })}
      >
        {t('newIdentity')}
      </button>
    </div>
  );
}
