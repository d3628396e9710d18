/** A card's and an identity's fields in the detail view (ItemDetail shows the rest). */
import { t, type MessageKey } from '@/lib/i18n';
import { CARD_BRAND_NAMES, cardBrand, formatExpiry, groupCardNumber } from '@/lib/vault/card';
import type { CardItem, IdentityItem } from '@/lib/vault/item';
import { IDENTITY_KEYS, type IdentityKey } from '@/lib/vault/item-kinds';
import { FieldRow } from './FieldRow';

export function CardDetail({ item }: { item: CardItem }) {
  const brand = cardBrand(item.number);
  return (
    <dl class="details">
      {item.cardholder && <FieldRow label={t('cardholderLabel')} value={item.cardholder} />}
      {item.number && (
        <FieldRow
          label={t('cardNumberLabel')}
          value={item.number}
          shown={groupCardNumber(item.number)}
          secret
          copied={(seconds) => t('copiedCardNumber', seconds)}
        />
      )}
      {brand && (
        <div class="detail-row">
          <dt>{t('cardBrandLabel')}</dt>
          <dd>{CARD_BRAND_NAMES[brand]}</dd>
        </div>
      )}
      {item.expiry && <FieldRow label={t('cardExpiryLabel')} value={formatExpiry(item.expiry)} />}
      {item.code && (
        <FieldRow
          label={t('cardCodeLabel')}
          value={item.code}
          secret
          copied={(seconds) => t('copiedCardCode', seconds)}
        />
      )}
    </dl>
  );
}

/** The label of each identity field, in the editor and the detail view. */
export const identityLabel: Record<IdentityKey, MessageKey> = {
  honorific: 'honorificLabel',
  firstName: 'firstNameLabel',
  lastName: 'lastNameLabel',
  company: 'companyLabel',
  email: 'emailLabel',
  phone: 'phoneLabel',
  address1: 'address1Label',
  address2: 'address2Label',
  postalCode: 'postalCodeLabel',
  city: 'cityLabel',
  region: 'regionLabel',
  country: 'countryLabel',
};

export function IdentityDetail({ item }: { item: IdentityItem }) {
  return (
    <dl class="details">
      {IDENTITY_KEYS.filter((key) => item[key]).map((key) => (
        <FieldRow key={key} label={t(identityLabel[key])} value={item[key]} />
      ))}
    </dl>
  );
}
