/**
 * The vault screen's line for password health (issue 14): how many logins have a weak (as far
 * as scored this unlock), reused, http-only or year-old password, as a button to the report.
 * Nothing shows while there is nothing to look at.
 */
import { useEffect, useState } from 'preact/hooks';
import { tn } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { HealthCounts } from '@/lib/messaging/health';
import { navigate } from '../model';

const COUNTS_AFTER_MS = 300;

export function HealthLine({ revision }: { revision: number | undefined }) {
  const [counts, setCounts] = useState<HealthCounts>();
  useEffect(() => {
    if (revision === undefined) return;
    // After the list's next pages: the counts can wait, the rows the user scrolls to cannot.
    const timer = setTimeout(() => {
      send('health.counts', {}).then(setCounts, () => undefined);
    }, COUNTS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [revision]);
  if (!counts?.flagged) return null;
  return (
    <p class="health-line">
      <button
        type="button"
        class="link"
        data-health-flagged={counts.flagged}
        onClick={() => navigate({ name: 'health', from: 'vault' })}
      >
        {tn('healthLine', counts.flagged)}
      </button>
    </p>
  );
}
