/**
 * What the file holds, before anything is written: the format, counts by type, the entries that
 * cannot be imported with where and why, and what to do with items already in the vault.
 */
import { tn, t } from '@/lib/i18n';
import { summarize, type ImportResult, type TextPosition } from '@/lib/import';
import type { ImportMatchCounts, MatchChoice } from '@/lib/messaging/import';
import { FORMAT_NAMES, failureText, problemText, whereText } from './texts';

/** Long lists of problems show this many rows; the count above says how many there are. */
const SHOWN_PROBLEMS = 200;

export function Preview(props: {
  read: ImportResult & { fileName: string };
  counts: ImportMatchCounts;
  choice: MatchChoice;
  onChoice: (choice: MatchChoice) => void;
  onImport: () => void;
  onAnother: () => void;
  lang: string;
}) {
  const { read, counts, lang } = props;
  const summary = summarize(read);
  const matched = counts.same + counts.changed;
  const adds = props.choice === 'keepBoth' ? read.candidates.length : counts.new;
  const tooMany = adds > counts.room;
  const choices: Array<[MatchChoice, string]> = [
    ['skip', t('importMatchSkip')],
    ['keepBoth', t('importMatchKeepBoth')],
    ['update', t('importMatchUpdate')],
  ];
  return (
    <section aria-labelledby="preview-heading" class="stack">
      <h2 id="preview-heading">{t('importCountsTitle')}</h2>
      <p>{t('importFileFormat', [read.fileName, FORMAT_NAMES[read.format]])}</p>
      <ul data-testid="import-counts">
        {summary.byType.login > 0 && <li>{tn('importCountLogins', summary.byType.login)}</li>}
        {summary.byType.note > 0 && <li>{tn('importCountNotes', summary.byType.note)}</li>}
        {summary.byType.card > 0 && <li>{tn('importCountCards', summary.byType.card)}</li>}
        {summary.byType.identity > 0 && (
          <li>{tn('importCountIdentities', summary.byType.identity)}</li>
        )}
      </ul>
      {read.problems.length > 0 && (
        <section aria-labelledby="problems-heading">
          <h3 id="problems-heading">{tn('importProblemsTitle', read.problems.length)}</h3>
          <table class="import-problems">
            <thead>
              <tr>
                <th scope="col">{t('importWhere')}</th>
                <th scope="col">{t('importWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {read.problems.slice(0, SHOWN_PROBLEMS).map((problem, i) => (
                <tr key={i}>
                  <td>{whereText(problem, lang)}</td>
                  <td>{problemText(problem.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {read.readAsWindows1252 && <EncodingNotice positions={read.readAsWindows1252} lang={lang} />}
      {matched > 0 && (
        <fieldset>
          <legend>{t('importMatchLegend')}</legend>
          <p>{tn('importMatchesTitle', matched)}</p>
          {counts.changed > 0 && <p class="muted">{tn('importMatchesChanged', counts.changed)}</p>}
          {choices.map(([value, label]) => (
            <label key={value} class="radio">
              <input
                type="radio"
                name="on-match"
                value={value}
                checked={props.choice === value}
                onChange={() => props.onChoice(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      )}
      {tooMany && (
        <p role="alert" class="notice error">
          {failureText({ ok: false, reason: 'tooManyItems', count: adds }, lang, counts.room)}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={tooMany || read.candidates.length === 0}
          onClick={props.onImport}
        >
          {t('importStart')}
        </button>
        <button type="button" onClick={props.onAnother}>
          {t('importChooseAnother')}
        </button>
      </div>
    </section>
  );
}

/**
 * Rows (or lines) of a file otherwise UTF-8 that were read as Windows-1252 (lib/import/text.ts):
 * they are imported, but a wrong guess would change a password without a word, so they are named.
 */
function EncodingNotice({ positions, lang }: { positions: TextPosition[]; lang: string }) {
  return (
    <section class="notice warning" data-testid="import-encoding">
      <p>{t('importWindows1252')}</p>
      <ul>
        {positions.slice(0, SHOWN_PROBLEMS).map((position) => (
          <li key={`${position.kind}${position.at}`}>{whereText(position, lang)}</li>
        ))}
      </ul>
    </section>
  );
}
