/** A password input with a show/hide toggle; the toggle is a real button with a state. */
import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { Field, type FieldProps } from './Field';
import { EyeIcon } from './icons';

export function PasswordField(
  props: Omit<FieldProps, 'type' | 'actions'> & { extra?: FieldProps['actions'] },
) {
  const [shown, setShown] = useState(false);
  return (
    <Field
      {...props}
      type={shown ? 'text' : 'password'}
      mono={shown}
      actions={
        <>
          <button
            type="button"
            class="icon-button"
            aria-pressed={shown}
            aria-label={shown ? t('hidePasswordOf', props.label) : t('showPasswordOf', props.label)}
            title={shown ? t('hidePassword') : t('showPassword')}
            onClick={() => setShown(!shown)}
          >
            <EyeIcon open={!shown} />
          </button>
          {props.extra}
        </>
      }
    />
  );
}
