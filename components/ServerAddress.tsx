/**
 * The sync server's address, typed by hand: checked by the same parseServerUrl as a setup code's,
 * with what is wrong said about the address typed. Not a <form> of its own, so it can sit inside
 * the sign-in and create-account forms (Enter in the field uses it, and submits nothing else).
 */
import type { ComponentChildren, Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { describeServerUrlError } from './errors';
import { Field } from './Field';
import { DEFAULT_SERVER_URL } from './server';
import { parseServerUrl } from '@/lib/account-key';
import { t } from '@/lib/i18n';

export interface ServerAddressProps {
  value: string;
  /** Called with the address in canonical form once it passes. */
  onUse: (url: string) => void;
  /** Shown under the field once an address is used ("Saved…"). */
  usedNote?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** More buttons on the row (e.g. Cancel). */
  children?: ComponentChildren;
}

export function ServerAddress({ value, onUse, usedNote, inputRef, children }: ServerAddressProps) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string>();
  const [used, setUsed] = useState(false);
  const use = (candidate = text) => {
    try {
      const url = parseServerUrl(candidate);
      setText(url);
      setError(undefined);
      setUsed(true);
      onUse(url);
    } catch (caught) {
      setError(describeServerUrlError(caught));
      setUsed(false);
    }
  };
  return (
    <div class="stack">
      <Field
        label={t('serverUrlLabel')}
        type="url"
        value={text}
        inputRef={inputRef}
        onInput={(typed) => {
          setText(typed);
          setUsed(false);
          setError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          use();
        }}
        error={error}
        ok={used ? usedNote : undefined}
        help={t('serverUrlHelp')}
      />
      <div class="row">
        <button type="button" onClick={() => use()}>
          {t('serverUse')}
        </button>
        {text !== DEFAULT_SERVER_URL && (
          <button type="button" class="link" onClick={() => use(DEFAULT_SERVER_URL)}>
            {t('serverDefault')}
          </button>
        )}
        {children}
      </div>
    </div>
  );
}

/** "Sync server: …" with a Change button that opens the editor in place. */
export function ServerInUse({
  value,
  onChange,
}: {
  value: string;
  onChange: (url: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const changeRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => changeRef.current?.focus());
  };
  return (
    <div class="stack">
      <p class="muted server-in-use">
        {t('serverInUse', value)}{' '}
        {!editing && (
          <button
            type="button"
            class="link"
            ref={changeRef}
            aria-label={t('serverChangeLabel')}
            onClick={() => {
              setEditing(true);
              requestAnimationFrame(() => {
                fieldRef.current?.focus();
                fieldRef.current?.select();
              });
            }}
          >
            {t('serverChange')}
          </button>
        )}
      </p>
      {editing && (
        <ServerAddress
          value={value}
          inputRef={fieldRef}
          onUse={(url) => {
            onChange(url);
            close();
          }}
        >
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
        </ServerAddress>
      )}
    </div>
  );
}
