/**
 * The editor's fields for cards and identities, and the tags field every item has (ItemEditor
 * holds the form and saves it). A card number failing its check digit is a warning shown once
 * the user leaves the field or saves; the save goes ahead, as in Bitwarden, because a store card
 * or an oddly printed number is still the user's to keep. What cannot be a card field at all
 * (letters, month 13, a five-digit code) is an error and keeps the form open.
 */
import { useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { PasswordField } from '@/components/PasswordField';
import { t } from '@/lib/i18n';
import { CARD_BRAND_NAMES, cardBrand } from '@/lib/vault/card';
import { IDENTITY_KEYS, TAG_LIMITS } from '@/lib/vault/item-kinds';
import type { ItemForm } from '../item-form';
import { cardProblems, tagsProblem } from '../kind-form';
import { identityLabel } from './CardDetail';

interface FieldsProps {
  form: ItemForm;
  change: (patch: Partial<ItemForm>) => void;
  /** Set by the first Save: from then on every problem is shown. */
  checked: boolean;
}

export function CardFields({ form, change, checked }: FieldsProps) {
  const [left, setLeft] = useState(false);
  const problems = cardProblems(form);
  const brand = cardBrand(form.number ?? '');
  return (
    <>
      <Field
        label={t('cardholderLabel')}
        value={form.cardholder ?? ''}
        autoComplete="off"
        onInput={(v) => change({ cardholder: v })}
      />
      <PasswordField
        label={t('cardNumberLabel')}
        value={form.number ?? ''}
        autoComplete="off"
        onInput={(v) => change({ number: v })}
        onBlur={() => setLeft(true)}
        error={problems.number && t('cardNumberInvalid')}
        warning={(left || checked) && problems.numberWarning ? t('cardNumberCheck') : undefined}
        help={brand && CARD_BRAND_NAMES[brand]}
      />
      <Field
        label={t('cardExpiryLabel')}
        value={form.expiryText ?? ''}
        placeholder={t('cardExpiryPlaceholder')}
        autoComplete="off"
        onInput={(v) => change({ expiryText: v })}
        error={checked && problems.expiry ? t('cardExpiryInvalid') : undefined}
      />
      <PasswordField
        label={t('cardCodeLabel')}
        value={form.code ?? ''}
        autoComplete="off"
        onInput={(v) => change({ code: v })}
        error={checked && problems.code ? t('cardCodeInvalid') : undefined}
      />
    </>
  );
}

export function IdentityFields({ form, change }: Omit<FieldsProps, 'checked'>) {
  return (
    <>
      {IDENTITY_KEYS.map((key) => (
        <Field
          key={key}
          label={t(identityLabel[key])}
          type={key === 'email' ? 'email' : 'text'}
          value={form[key] ?? ''}
          autoComplete="off"
          onInput={(v) => change({ [key]: v })}
        />
      ))}
    </>
  );
}

export function TagsField({ form, change, checked }: FieldsProps) {
  const problem = checked ? tagsProblem(form) : undefined;
  const [most, longest] = [String(TAG_LIMITS.tags), String(TAG_LIMITS.tag)];
  return (
    <Field
      label={t('tagsLabel')}
      value={form.tagsText ?? ''}
      help={t('tagsHelp')}
      onInput={(v) => change({ tagsText: v })}
      error={
        problem === 'too-many'
          ? t('tagsTooMany', most)
          : problem === 'too-long'
            ? t('tagsTooLong', longest)
            : undefined
      }
    />
  );
}
