/** A button for an action that loses something: the first press explains, the second acts. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface ConfirmButtonProps {
  label: string;
  /** What will be lost, read before confirming. */
  warning: string;
  confirm: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        class={props.danger ? 'danger' : 'link'}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-label={props.label}>
      <p class="notice warning">{props.warning}</p>
      <div class="row">
        <button type="button" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
        <button
          type="button"
          ref={confirmRef}
          class="danger"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </button>
      </div>
    </div>
  );
}
