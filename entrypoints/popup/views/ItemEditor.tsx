/**
 * Create or edit a login or a secure note. Every change is handed to the background as a draft, so
 * closing the popup mid-edit loses nothing: the next open comes back here with the changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { useAction } from '@/components/hooks';
import { focusFirstInvalid } from '@/components/NewPasswordFields';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { describeError } from '@/components/errors';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { ItemType, ItemUrl, UrlMatch } from '@/lib/vault/item';
import { otpOf, otpProblem, withOtp } from '../otp-form';
import { OtpField } from './OtpField';
import { navigate, onStateError, showToast } from '../model';
import { clearEditDrafts, draftKey, saveEditDraft } from '../drafts';
import { badUrlRows, blank, toForm, toSave, type ItemForm } from '../item-form';
import { blocksSave } from '../kind-form';
import { CardFields, IdentityFields, TagsField } from './CardEditor';
import { newItemTitle } from './NewItemButtons';
import { matchText } from './ItemDetail';

export function ItemEditor({ id, itemType }: { id?: string; itemType: ItemType }) {
  const key = draftKey(id, itemType);
  const [form, setForm] = useState<ItemForm>();
  const [restored, setRestored] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  /** Set by the first Save: from then on a website that is no web address is marked. */
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    const load = async () => {
      const { draft } = await send('draft.get', { key });
      if (draft) {
        setRestored(true);
        return draft as ItemForm;
      }
      return id ? toForm(await send('vault.get', { id })) : blank(itemType);
    };
    load().then(
      (value) => setForm(value),
      (caught: unknown) => {
        setLoadError(describeError(caught));
        onStateError(caught);
      },
    );
  }, [key]);

  useEffect(() => {
    if (form) document.querySelector<HTMLInputElement>('.editor input')?.focus();
  }, [form === undefined]);

  const change = (patch: Partial<ItemForm>) => {
    const next = { ...form!, ...patch };
    setForm(next);
    saveEditDraft(key, { id, itemType }, next);
  };

  const save = useAction(async () => {
    const opened = form!.opened ? { base: form!.opened } : {};
    const saved = await send('vault.save', { item: withOtp(form!, toSave(form!)), ...opened });
    await clearEditDrafts(key);
    const name = saved.title || t('untitled');
    showToast({ text: t('saved', name) });
    navigate({ name: 'item', id: saved.id });
  }, onStateError);

  const generate = useAction(async () => {
    const { value } = await send('generator.generate', { options: { mode: 'password' } });
    change({ password: value });
  });

  const cancel = async () => {
    await clearEditDrafts(key).catch(() => undefined);
    navigate(id ? { name: 'item', id } : { name: 'vault' });
  };

  const urls = form?.urls ?? [];
  const badUrls = checked && form ? badUrlRows(form) : [];
  const setUrl = (index: number, patch: Partial<ItemUrl>) =>
    change({ urls: urls.map((u, i) => (i === index ? { ...u, ...patch } : u)) });

  const title = id ? t('editTitle') : t(newItemTitle[itemType]);

  return (
    <form
      class="stack editor"
      // Our own messages, not the browser's bubble for a website typed without https:// (issue 13).
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        if (form && (badUrlRows(form).length > 0 || blocksSave(form) || otpProblem(form))) {
          return focusFirstInvalid(e.currentTarget);
        }
        void save.run();
      }}
      aria-busy={save.busy}
    >
      <h1>{title}</h1>
      <ErrorNotice>{loadError}</ErrorNotice>
      {restored && (
        <StatusNotice>
          {t('draftRestored')}{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              setRestored(false);
              void clearEditDrafts(key).then(() => navigate({ name: 'vault' }));
            }}
          >
            {t('draftDiscard')}
          </button>
        </StatusNotice>
      )}
      {form && (
        <>
          <Field label={t('titleLabel')} value={form.title} onInput={(v) => change({ title: v })} />
          {form.type === 'login' && (
            <>
              <Field
                label={t('usernameLabel')}
                value={form.username ?? ''}
                autoComplete="off"
                onInput={(v) => change({ username: v })}
              />
              <PasswordField
                label={t('passwordLabel')}
                value={form.password ?? ''}
                autoComplete="off"
                onInput={(v) => change({ password: v })}
                error={generate.error}
                extra={
                  <button type="button" class="small" onClick={() => void generate.run()}>
                    {t('generate')}
                  </button>
                }
              />
              <OtpField
                value={otpOf(form)}
                onChange={(otp) => change({ otp })}
                problem={otpProblem(form)}
                checked={checked}
              />
              <fieldset class="urls-edit">
                <legend>{t('websitesLabel')}</legend>
                {urls.map((entry, index) => {
                  const n = String(index + 1);
                  return (
                    <div class="url-row" key={index}>
                      <Field
                        label={t('websiteN', n)}
                        type="url"
                        value={entry.url}
                        placeholder="https://"
                        onInput={(v) => setUrl(index, { url: v })}
                        error={badUrls.includes(index) ? t('websiteInvalid') : undefined}
                      />
                      <label class="select">
                        <span>{t('matchLabel')}</span>
                        <select
                          value={entry.match}
                          onChange={(e) =>
                            setUrl(index, { match: e.currentTarget.value as UrlMatch })
                          }
                        >
                          {(['domain', 'host', 'exact'] as const).map((m) => (
                            <option key={m} value={m}>
                              {t(matchText[m])}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button
                        type="button"
                        class="icon-button"
                        aria-label={t('removeWebsiteN', n)}
                        onClick={() => change({ urls: urls.filter((_, i) => i !== index) })}
                      >
                        ✕
                      </button>
                    </div>
                  );
                })}
                <button
                  type="button"
                  class="small"
                  onClick={() => change({ urls: [...urls, { url: '', match: 'domain' }] })}
                >
                  {t('addWebsite')}
                </button>
              </fieldset>
            </>
          )}
          {form.type === 'card' && <CardFields form={form} change={change} checked={checked} />}
          {form.type === 'identity' && <IdentityFields form={form} change={change} />}
          <TagsField form={form} change={change} checked={checked} />
          <label class="field">
            <span>{t('notesLabel')}</span>
            <textarea
              rows={form.type === 'note' ? 8 : 3}
              value={form.notes}
              onInput={(e) => change({ notes: e.currentTarget.value })}
            />
          </label>
          <ErrorNotice>{save.error}</ErrorNotice>
          <div class="row">
            <button type="button" onClick={() => void cancel()}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary" disabled={save.busy}>
              {t('save')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
