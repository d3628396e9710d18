/**
 * "Paste the link or type the code" of a reset email, as the popup and the reset page both ask for
 * it: one field, since people paste whatever they copied. A link is recognised wherever it sits in
 * the pasted text; anything else is read as the short code.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { looksLikeResetLink, parseResetLink, parseShortCode } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { Field } from './Field';
import { ErrorNotice } from './Notice';

export type ResetProofText = { link: string } | { code: string };

/** What the text is: a usable link or code, or the sentence that says what to fix. */
export function readResetProof(text: string): ResetProofText | { problem: string } {
  const trimmed = text.trim();
  if (parseResetLink(trimmed)) return { link: trimmed };
  if (looksLikeResetLink(trimmed)) return { problem: t('resetEmailIncompleteLink') };
  const code = parseShortCode(trimmed);
  return code === null ? { problem: t('resetEmailInvalidInput') } : { code };
}

export function ResetEmailForm(props: {
  onSubmit: (proof: ResetProofText) => void;
  busy: boolean;
  /** The last attempt's failure, as a sentence. */
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  return (
    <form
      class="stack"
      noValidate
      aria-busy={props.busy}
      onSubmit={(event) => {
        event.preventDefault();
        const read = readResetProof(text);
        if ('problem' in read) return setProblem(read.problem);
        setProblem(undefined);
        props.onSubmit(read);
      }}
    >
      <Field
        label={t('resetEmailField')}
        value={text}
        onInput={setText}
        inputRef={props.inputRef}
        autoComplete="off"
        help={t('resetEmailHelp')}
        error={problem}
      />
      <ErrorNotice>{props.error}</ErrorNotice>
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy ? t('resetEmailReading') : t('resetEmailContinue')}
      </button>
    </form>
  );
}
