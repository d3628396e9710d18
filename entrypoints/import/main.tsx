/**
 * The import page (issue 14), a full tab opened from the popup's Settings: pick a file → it is
 * read here → a preview, matched by the background against the vault → Import, with progress →
 * the result. Nothing is written before Import, and an import is written whole or not at all.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeError } from '@/components/errors';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { t } from '@/lib/i18n';
import type { ImportResult } from '@/lib/import';
import { send } from '@/lib/messaging/client';
import { ProtocolError } from '@/lib/messaging/errors';
import type { ImportMatchCounts, MatchChoice } from '@/lib/messaging/import';
import type { ImportOutcomeCounts, ImportProgress } from '@/lib/messaging/import';
import '../popup/style.css';
import './import.css';
import { FilePicker } from './FilePicker';
import { PasswordStep } from './PasswordStep';
import { Preview } from './Preview';
import { Progress } from './Progress';
import { readImportFile } from './read-file';
import { runImport } from './run';
import { failureText, resultText } from './texts';

type Step =
  | { name: 'checking' }
  | { name: 'locked' }
  | { name: 'pick'; error?: string }
  | { name: 'reading' }
  | { name: 'password'; file: File; wrong: boolean; ours: boolean }
  | { name: 'preview'; read: ImportResult & { fileName: string }; counts: ImportMatchCounts }
  | { name: 'importing'; progress?: ImportProgress }
  | { name: 'done'; counts: ImportOutcomeCounts };

const lang = () => document.documentElement.lang || 'en';

function ImportPage() {
  const [step, setStep] = useState<Step>({ name: 'checking' });
  const [choice, setChoice] = useState<MatchChoice>('skip');

  async function check() {
    setStep({ name: 'checking' });
    const status = await send('app.status', {}).catch(() => undefined);
    setStep(status?.state === 'unlocked' ? { name: 'pick' } : { name: 'locked' });
  }
  useEffect(() => void check(), []);

  /** A refusal of the background: locked sends the user to unlock; anything else is said. */
  function refused(caught: unknown, fallback?: string) {
    if (caught instanceof ProtocolError && caught.code === 'locked')
      return setStep({ name: 'locked' });
    setStep({ name: 'pick', error: fallback ?? describeError(caught) });
  }

  async function read(file: File, password?: string) {
    setStep({ name: 'reading' });
    const read = await readImportFile(file, password);
    if (!read.ok) {
      if (read.reason === 'needsPassword' || read.reason === 'wrongPassword') {
        const wrong = read.reason === 'wrongPassword';
        return setStep({ name: 'password', file, wrong, ours: read.format === 'cassaforte' });
      }
      return setStep({ name: 'pick', error: failureText(read, lang(), read.count ?? 0) });
    }
    if (read.candidates.length === 0) {
      // Only entries that cannot be imported: the preview lists them, with nothing to match.
      const counts = { new: 0, same: 0, changed: 0, room: 0 };
      return setStep({ name: 'preview', read, counts });
    }
    try {
      const counts = await send('import.match', { candidates: read.candidates });
      setChoice('skip');
      setStep({ name: 'preview', read, counts });
    } catch (caught) {
      refused(caught);
    }
  }

  async function start(read: ImportResult) {
    setStep({ name: 'importing' });
    const result = await runImport(read.candidates, choice, (progress) =>
      setStep((now) => (now.name === 'importing' ? { name: 'importing', progress } : now)),
    );
    if (result.ok) return setStep({ name: 'done', counts: result.counts });
    if (result.error === 'did-not-finish') return refused(undefined, t('importDidNotFinish'));
    if (result.error.code === 'locked') return refused(undefined, t('importLockedDuring'));
    refused(result.error);
  }

  return (
    <>
      <header>
        <h1>{t('importTitle')}</h1>
        <p>{t('importIntro')}</p>
      </header>
      <main class="stack">
        {step.name === 'checking' && <StatusNotice>{t('statusLoading')}</StatusNotice>}
        {step.name === 'locked' && (
          <>
            <ErrorNotice>{t('importLocked')}</ErrorNotice>
            <button type="button" onClick={() => void check()}>
              {t('importCheckAgain')}
            </button>
          </>
        )}
        {step.name === 'pick' && (
          <>
            <p class="muted">{t('importFormats')}</p>
            <ErrorNotice>{step.error}</ErrorNotice>
            <FilePicker onFile={(file) => void read(file).catch((e: unknown) => refused(e))} />
          </>
        )}
        {step.name === 'reading' && <StatusNotice>{t('importReading')}</StatusNotice>}
        {step.name === 'password' && (
          <PasswordStep
            fileName={step.file.name}
            wrong={step.wrong}
            ours={step.ours}
            onPassword={(password) => void read(step.file, password)}
            onCancel={() => setStep({ name: 'pick' })}
          />
        )}
        {step.name === 'preview' && (
          <Preview
            read={step.read}
            counts={step.counts}
            choice={choice}
            onChoice={setChoice}
            onImport={() => void start(step.read)}
            onAnother={() => setStep({ name: 'pick' })}
            lang={lang()}
          />
        )}
        {step.name === 'importing' && <Progress progress={step.progress} lang={lang()} />}
        {step.name === 'done' && (
          <section class="stack" aria-live="polite">
            <p class="notice success" data-testid="import-result">
              {resultText(step.counts)}
            </p>
            <p>{t('importSyncNote')}</p>
            <div class="row">
              <a class="button primary" href="/popup.html">
                {t('importOpenVault')}
              </a>
              <button type="button" onClick={() => setStep({ name: 'pick' })}>
                {t('importAnother')}
              </button>
            </div>
          </section>
        )}
      </main>
    </>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('importTitle');
render(<ImportPage />, document.getElementById('app')!);
