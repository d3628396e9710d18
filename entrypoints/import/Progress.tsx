/** The import under way: a progress bar with counts (encrypting, then saving). */
import { t } from '@/lib/i18n';
import type { ImportProgress } from '@/lib/messaging/import';

export function Progress({ progress, lang }: { progress?: ImportProgress; lang: string }) {
  const number = (n: number) => new Intl.NumberFormat(lang).format(n);
  const total = progress?.total ?? 0;
  // Two halves: encrypting, then saving, so the bar never runs back.
  const value = !progress
    ? undefined
    : progress.phase === 'sealing'
      ? progress.done
      : total + (progress.phase === 'done' ? total : progress.done);
  const counts = [number(progress?.done ?? 0), number(total)];
  return (
    <section class="stack" aria-busy="true">
      <progress
        aria-label={t('importProgressLabel')}
        data-testid="import-progress"
        max={Math.max(1, total * 2)}
        value={value}
      />
      <p role="status" data-testid="import-progress-text">
        {progress?.phase === 'sealing' || !progress
          ? t('importSealing', counts)
          : t('importSaving', counts)}
      </p>
    </section>
  );
}
