/** A labelled text input with its help and error lines tied to it for screen readers. */
import type { ComponentChildren, Ref } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'number';
  autoComplete?: string;
  /** Shown under the field while there is no error. */
  help?: ComponentChildren;
  /** Marks the field invalid and is read out with it. */
  error?: string;
  /** A caution that does not block (e.g. a card number failing its check digit). */
  warning?: string;
  /** A good-news line (e.g. "the account key looks right"). */
  ok?: string;
  required?: boolean;
  readOnly?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  spellcheck?: boolean;
  mono?: boolean;
  placeholder?: string;
  /** Controls placed right of the input (reveal, generate…). */
  actions?: ComponentChildren;
  onPaste?: (event: ClipboardEvent) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  onBlur?: () => void;
  name?: string;
}

export function Field(props: FieldProps) {
  const id = useId();
  const note = props.error ?? props.warning ?? props.ok ?? props.help;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <div class="field-row">
        <input
          id={id}
          name={props.name}
          ref={props.inputRef}
          class={props.mono ? 'mono' : undefined}
          // One cast: Preact's input types narrow per `type`, and ours is a union of text-like ones.
          type={(props.type ?? 'text') as 'text'}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          onPaste={props.onPaste}
          onKeyDown={props.onKeyDown}
          onBlur={props.onBlur}
          autoComplete={props.autoComplete}
          required={props.required}
          readOnly={props.readOnly}
          spellcheck={props.spellcheck ?? false}
          placeholder={props.placeholder}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={note ? `${id}-note` : undefined}
        />
        {props.actions}
      </div>
      {note && (
        <p
          id={`${id}-note`}
          class={`field-note ${props.error ? 'error' : props.warning ? 'warning' : props.ok ? 'ok' : 'muted'}`}
          role={props.error ? 'alert' : props.warning ? 'status' : undefined}
        >
          {note}
        </p>
      )}
    </div>
  );
}
