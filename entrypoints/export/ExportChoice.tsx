/**
 * The kind of export and what it needs: the encrypted file (recommended) an export password typed
 * twice, with its strength; a plain CSV or JSON the box ticked under the warning that anyone with
 * the file can read every password. Nothing is saved until the choice is complete.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { downloadBlob } from '@/components/KitSheet';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { newPasswordProblems, useNewPassword } from '@/components/NewPasswordFields';
import { t, tn, type MessageKey } from '@/lib/i18n';
import type { ExportedVault } from '@/lib/messaging/protocol';
import { buildExportFile, type ExportKind } from './export-file';
import { ExportStrengthMeter, waitForStrength } from './export-strength';

const KINDS: readonly ExportKind[] = ['encrypted', 'csv', 'json'];
const KIND_LABEL: Record<ExportKind, MessageKey> = {
  encrypted: 'exportKindEncrypted',
  csv: 'exportKindCsv',
  json: 'exportKindJson',
};
const KIND_HELP: Record<ExportKind, MessageKey> = {
  encrypted: 'exportKindEncryptedHelp',
  csv: 'exportKindCsvHelp',
  json: 'exportKindJsonHelp',
};

interface Problems {
  password?: string;
  confirm?: string;
  accept?: string;
}

export function ExportChoice(props: {
  vault: ExportedVault;
  email: string;
  onSaved: (notice: string) => void;
  onCancel: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useRef<HTMLFormElement>(null);
  const ids = useId();
  const [kind, setKind] = useState<ExportKind>('encrypted');
  const choice = useNewPassword(props.email);
  const { password, confirm, setPassword, setConfirm } = choice;
  const [accepted, setAccepted] = useState(false);
  const [problems, setProblems] = useState<Problems>({});

  const save = useAction(async () => {
    const file = await buildExportFile(kind, props.vault, password);
    downloadBlob(file.blob, file.name);
    setPassword('');
    setConfirm('');
    props.onSaved(tn('exportSaved', file.count, [file.name, String(file.count)]));
  });

  const submit = () => {
    if (kind === 'encrypted' && form.current && waitForStrength(choice, form.current)) return;
    const found: Problems = {};
    if (kind === 'encrypted') {
      const { password: weak, confirm: differs } = newPasswordProblems({ ...choice, hint: '' });
      if (weak) found.password = weak;
      else if (differs) found.confirm = differs;
    } else if (!accepted) {
      found.accept = t('exportPlainNotAccepted');
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() =>
        form.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    void save.run();
  };

  return (
    <form
      ref={form}
      class="stack"
      noValidate
      aria-busy={save.busy}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 tabIndex={-1} ref={heading}>
        {tn('exportReady', props.vault.items.length)}
      </h2>
      <ErrorNotice>
        {props.vault.unreadable > 0 ? tn('exportUnreadable', props.vault.unreadable) : undefined}
      </ErrorNotice>
      <fieldset class="choice">
        <legend>{t('exportKindLegend')}</legend>
        {KINDS.map((option) => (
          <div key={option}>
            <label class="check">
              <input
                type="radio"
                name="kind"
                checked={kind === option}
                aria-describedby={`${ids}-${option}`}
                onChange={() => {
                  setKind(option);
                  setProblems({});
                }}
              />
              <span>{t(KIND_LABEL[option])}</span>
            </label>
            <p class="muted" id={`${ids}-${option}`}>
              {t(KIND_HELP[option])}
            </p>
          </div>
        ))}
      </fieldset>
      {kind === 'encrypted' ? (
        <>
          <PasswordField
            label={t('exportPasswordLabel')}
            autoComplete="new-password"
            value={password}
            onInput={setPassword}
            error={problems.password}
            help={t('exportPasswordHelp')}
          />
          <ExportStrengthMeter choice={choice} />
          <PasswordField
            label={t('exportPasswordConfirm')}
            autoComplete="new-password"
            value={confirm}
            onInput={setConfirm}
            error={
              problems.confirm ??
              (confirm && !password.startsWith(confirm) ? t('passwordsDiffer') : undefined)
            }
          />
        </>
      ) : (
        <>
          <p class="notice warning">{t('exportPlainWarning')}</p>
          <label class="check">
            <input
              type="checkbox"
              checked={accepted}
              aria-invalid={problems.accept ? 'true' : undefined}
              aria-describedby={problems.accept ? `${ids}-accept` : undefined}
              onChange={(e) => {
                setAccepted(e.currentTarget.checked);
                setProblems({});
              }}
            />
            <span>{t('exportPlainAccept')}</span>
          </label>
          {problems.accept && (
            <p role="alert" class="field-note error" id={`${ids}-accept`}>
              {problems.accept}
            </p>
          )}
        </>
      )}
      <ErrorNotice>{save.error && t('exportFailed')}</ErrorNotice>
      <div class="row">
        <button type="submit" class="primary" disabled={save.busy}>
          {t('exportSubmit')}
        </button>
        <button type="button" onClick={props.onCancel} disabled={save.busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
