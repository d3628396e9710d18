/**
 * A KeePass database, or an encrypted Cassaforte export (`ours`), asks for its password; a wrong
 * one says so and asks again.
 */
import { useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { t } from '@/lib/i18n';

export function PasswordStep(props: {
  fileName: string;
  wrong: boolean;
  ours?: boolean;
  onPassword: (password: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (password) props.onPassword(password);
      }}
    >
      <p>{t(props.ours ? 'importExportPasswordIntro' : 'importPasswordIntro', props.fileName)}</p>
      <ErrorNotice>
        {props.wrong
          ? t(props.ours ? 'importExportWrongPassword' : 'importWrongPassword')
          : undefined}
      </ErrorNotice>
      <PasswordField
        label={t(props.ours ? 'importExportPasswordLabel' : 'importPasswordLabel')}
        value={password}
        onInput={setPassword}
        autoComplete="off"
        required
      />
      <div class="row">
        <button type="submit" class="primary">
          {t(props.ours ? 'importOpenExport' : 'importOpenDatabase')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('importChooseAnother')}
        </button>
      </div>
    </form>
  );
}
