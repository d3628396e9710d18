/**
 * Settings → Password health (issue 14): weak, reused, http-only and year-old passwords, each a
 * list whose rows open the item. The background finds all but the weak ones; for those it hands
 * over the passwords it has no score for this unlock, which the strength worker scores here (the
 * service worker never loads zxcvbn) and the scores go back, so the next open starts from them.
 */
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
import { useFocusOnMount } from '@/components/hooks';
import { startStrengthChecker } from '@/components/strength-client';
import { t, tn } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { HealthAnswer, HealthEntry } from '@/lib/messaging/health';
import { navigate, onStateError } from '../model';

/** Scores go back in pieces, so a large vault's progress is kept even if the popup closes. */
const SCORES_PER_MESSAGE = 250;

export function HealthView({ from = 'settings' }: { from?: 'vault' | 'settings' }) {
  const [report, setReport] = useState<HealthAnswer>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [error, setError] = useState<string>();
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    let stopped = false;
    let checker: ReturnType<typeof startStrengthChecker> | undefined;
    const run = async () => {
      let answer = await send('health.report', {});
      const todo = answer.unscored;
      if (todo.length > 0) setProgress({ done: 0, total: todo.length });
      setReport(answer);
      if (todo.length === 0) return;
      checker = startStrengthChecker();
      let batch: { id: string; revision: number; score: number }[] = [];
      for (const [index, { id, revision, password }] of todo.entries()) {
        const { score } = await checker.estimate(password, []);
        if (stopped) return;
        batch.push({ id, revision, score });
        if (batch.length === SCORES_PER_MESSAGE || index === todo.length - 1) {
          answer = await send('health.scores', { scores: batch });
          batch = [];
          setReport({ ...answer, unscored: [] });
        }
        if (index % 20 === 0 || index === todo.length - 1) {
          setProgress({ done: index + 1, total: todo.length });
        }
      }
    };
    run().catch((caught: unknown) => {
      if (stopped) return;
      setProgress(undefined);
      onStateError(caught);
      setError(
        caught instanceof Error && caught.message === 'closed' ? undefined : message(caught),
      );
    });
    return () => {
      stopped = true;
      checker?.close();
    };
  }, []);

  const checking = progress && progress.done < progress.total;
  const [done, total] = [String(progress?.done ?? 0), String(progress?.total ?? 0)];
  const byId = new Map(report?.entries.map((entry) => [entry.id, entry]));
  const found = report
    ? report.weak.length + report.reused.length + report.insecure.length + report.old.length
    : 0;
  return (
    <section class="stack health" data-view="health" aria-busy={!report || checking}>
      <h1 ref={heading} tabIndex={-1}>
        {t('healthTitle')}
      </h1>
      <p class="muted">{t('healthHelp')}</p>
      {!report && !error && <p role="status">{t('vaultLoading')}</p>}
      {report && (
        <p role="status" data-checked={checking ? undefined : report.checked}>
          {checking ? t('healthChecking', [done, total]) : tn('healthChecked', report.checked)}
        </p>
      )}
      <ErrorNotice>{error}</ErrorNotice>
      {report && !checking && found === 0 && <p>{t('healthAllGood')}</p>}
      {report && (
        <>
          <Issue
            kind="weak"
            title={t('healthWeakTitle')}
            help={t('healthWeakHelp')}
            ids={report.weak}
            byId={byId}
          />
          <section aria-labelledby="health-reused" class="stack" data-health="reused">
            <h2 id="health-reused">
              {t('healthReusedTitle')} ({report.reused.reduce((n, ids) => n + ids.length, 0)})
            </h2>
            <p class="muted">{t('healthReusedHelp')}</p>
            {report.reused.length === 0 && <p class="muted">{t('healthNone')}</p>}
            {report.reused.map((ids) => (
              <Rows
                key={ids[0]}
                label={t('healthReusedGroup', `${ids.length}`)}
                ids={ids}
                byId={byId}
              />
            ))}
          </section>
          <Issue
            kind="insecure"
            title={t('healthInsecureTitle')}
            help={t('healthInsecureHelp')}
            ids={report.insecure}
            byId={byId}
          />
          <Issue
            kind="old"
            title={t('healthOldTitle')}
            help={t('healthOldHelp')}
            ids={report.old}
            byId={byId}
          />
        </>
      )}
      <div class="row">
        <button type="button" onClick={() => navigate({ name: from })}>
          {t('back')}
        </button>
      </div>
    </section>
  );
}

function message(error: unknown): string {
  return error instanceof Error && error.message.includes('strength')
    ? t('healthCheckFailed')
    : describeError(error);
}

function Issue(props: {
  kind: string;
  title: string;
  help: string;
  ids: string[];
  byId: Map<string, HealthEntry>;
}) {
  const heading = `health-${props.kind}`;
  return (
    <section aria-labelledby={heading} class="stack" data-health={props.kind}>
      <h2 id={heading}>
        {props.title} ({props.ids.length})
      </h2>
      <p class="muted">{props.help}</p>
      {props.ids.length === 0 ? (
        <p class="muted">{t('healthNone')}</p>
      ) : (
        <Rows label={props.title} ids={props.ids} byId={props.byId} />
      )}
    </section>
  );
}

function Rows(props: { label: string; ids: string[]; byId: Map<string, HealthEntry> }) {
  return (
    <ul class="health-list" aria-label={props.label}>
      {props.ids.map((id) => {
        const entry = props.byId.get(id);
        if (!entry) return null;
        return (
          <li key={id}>
            <button type="button" class="link" onClick={() => navigate({ name: 'item', id })}>
              {entry.title || entry.site || t('untitled')}
              {entry.site && entry.title ? <span class="muted"> · {entry.site}</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
