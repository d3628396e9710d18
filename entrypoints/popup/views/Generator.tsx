/** Generate a password or a passphrase: length, character sets, words; entropy shown. */
import { useEffect, useState } from 'preact/hooks';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
import { t, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { GeneratorInput, PassphraseOptions, PasswordOptions } from '@/lib/vault/generator';
import { showToast } from '../model';
import { copyText, secondsUntilCleared } from '../vault-client';

// The generator's own defaults (lib/vault/generator.ts), repeated here so the popup does not load
// the schema library to show a form.
const passwordDefaults: PasswordOptions = {
  mode: 'password',
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
  avoidAmbiguous: false,
};
const passphraseDefaults: PassphraseOptions = {
  mode: 'passphrase',
  words: 5,
  separator: '-',
  capitalize: false,
  includeNumber: false,
};

type SetName = 'lower' | 'upper' | 'digits' | 'symbols';
const setText: Record<SetName, MessageKey> = {
  lower: 'genLower',
  upper: 'genUpper',
  digits: 'genDigits',
  symbols: 'genSymbols',
};

type EntropyLevel = 'weak' | 'good' | 'excellent';
const entropyText: Record<EntropyLevel, MessageKey> = {
  weak: 'entropyWeak',
  good: 'entropyGood',
  excellent: 'entropyExcellent',
};

/** What the entropy means against an attacker with a lot of hardware. */
export function entropyLevel(bits: number): EntropyLevel {
  return bits < 50 ? 'weak' : bits < 75 ? 'good' : 'excellent';
}

export function GeneratorView() {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [password, setPassword] = useState(passwordDefaults);
  const [passphrase, setPassphrase] = useState(passphraseDefaults);
  const [mode, setMode] = useState<'password' | 'passphrase'>('password');
  const [result, setResult] = useState<{ value: string; entropyBits: number }>();
  const [copyError, setCopyError] = useState<string>();
  const options: GeneratorInput = mode === 'password' ? password : passphrase;
  const noSet =
    mode === 'password' &&
    !password.lower &&
    !password.upper &&
    !password.digits &&
    !password.symbols;

  const generate = useAction(async () => {
    setResult(await send('generator.generate', { options }));
  });
  useEffect(() => {
    if (!noSet) void generate.run();
  }, [JSON.stringify(options)]);

  const copy = async () => {
    if (!result) return;
    try {
      await copyText(result.value);
      const seconds = String(await secondsUntilCleared(result.value));
      showToast({ text: t('copiedPassword', seconds) });
    } catch (caught) {
      setCopyError(caught instanceof DOMException ? t('copyFailed') : describeError(caught));
    }
  };
  const bits = String(Math.floor(result?.entropyBits ?? 0));
  const level = entropyText[entropyLevel(result?.entropyBits ?? 0)];
  const length = String(password.length);
  const words = String(passphrase.words);

  return (
    <section class="stack generator">
      <h1 tabIndex={-1} ref={heading}>
        {t('generatorTitle')}
      </h1>
      <output class="generated mono" aria-live="polite" aria-label={t('generatedLabel')}>
        {result?.value ?? ''}
      </output>
      {result && (
        <p class="muted" data-entropy={bits}>
          {t('entropyBits', bits)} · {t(level)}
        </p>
      )}
      <div class="row">
        <button type="button" onClick={() => void generate.run()} disabled={noSet}>
          {t('regenerate')}
        </button>
        <button type="button" class="primary" onClick={() => void copy()} disabled={!result}>
          {t('copy')}
        </button>
      </div>
      <ErrorNotice>{noSet ? t('genChooseSet') : (generate.error ?? copyError)}</ErrorNotice>
      <fieldset class="choice">
        <legend>{t('genKind')}</legend>
        <label class="check">
          <input
            type="radio"
            name="mode"
            checked={mode === 'password'}
            onChange={() => setMode('password')}
          />
          <span>{t('genPassword')}</span>
        </label>
        <label class="check">
          <input
            type="radio"
            name="mode"
            checked={mode === 'passphrase'}
            onChange={() => setMode('passphrase')}
          />
          <span>{t('genPassphrase')}</span>
        </label>
      </fieldset>
      {mode === 'password' ? (
        <>
          <label class="field">
            <span>{t('genLength', length)}</span>
            <input
              type="range"
              min={8}
              max={64}
              value={password.length}
              onInput={(e) => setPassword({ ...password, length: Number(e.currentTarget.value) })}
            />
          </label>
          {(['lower', 'upper', 'digits', 'symbols'] as const).map((name) => (
            <label class="check" key={name}>
              <input
                type="checkbox"
                checked={password[name]}
                onChange={(e) => setPassword({ ...password, [name]: e.currentTarget.checked })}
              />
              <span>{t(setText[name])}</span>
            </label>
          ))}
          <label class="check">
            <input
              type="checkbox"
              checked={password.avoidAmbiguous}
              onChange={(e) =>
                setPassword({ ...password, avoidAmbiguous: e.currentTarget.checked })
              }
            />
            <span>{t('genAvoidAmbiguous')}</span>
          </label>
        </>
      ) : (
        <>
          <label class="field">
            <span>{t('genWords', words)}</span>
            <input
              type="range"
              min={3}
              max={12}
              value={passphrase.words}
              onInput={(e) =>
                setPassphrase({ ...passphrase, words: Number(e.currentTarget.value) })
              }
            />
          </label>
          <label class="field">
            <span>{t('genSeparator')}</span>
            <select
              value={passphrase.separator}
              onChange={(e) => setPassphrase({ ...passphrase, separator: e.currentTarget.value })}
            >
              {['-', '.', '_', ' ', '+'].map((s) => (
                <option key={s} value={s}>
                  {s === ' ' ? t('genSpace') : s}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={passphrase.capitalize}
              onChange={(e) =>
                setPassphrase({ ...passphrase, capitalize: e.currentTarget.checked })
              }
            />
            <span>{t('genCapitalize')}</span>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={passphrase.includeNumber}
              onChange={(e) =>
                setPassphrase({ ...passphrase, includeNumber: e.currentTarget.checked })
              }
            />
            <span>{t('genIncludeNumber')}</span>
          </label>
        </>
      )}
    </section>
  );
}
