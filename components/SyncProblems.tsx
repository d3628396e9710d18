/**
 * Server versions the integrity checks refused (DESIGN §4): what happened, to which items, and
 * what to do. The device kept its own copies, so nothing is lost.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { SyncProblem } from '@/lib/messaging/protocol';

const SHOWN = 3;

const reasonText: Record<SyncProblem['reason'], MessageKey> = {
  unreadable: 'problemUnreadable',
  rollback: 'problemRollback',
  'unauthenticated-delete': 'problemDelete',
};

export function SyncProblems({ problems }: { problems?: SyncProblem[] }) {
  if (!problems?.length) return null;
  const count = problems.length;
  const many = String(count);
  return (
    <div class="notice warning sync-problems" role="alert">
      <p>{count === 1 ? t('problemOne') : t('problemMany', many)}</p>
      <ul>
        {problems.slice(0, SHOWN).map((problem) => (
          <li key={problem.id}>
            {t(reasonText[problem.reason], problem.title || t('problemUntitled'))}
          </li>
        ))}
      </ul>
      <p class="muted">{t('problemAdvice')}</p>
    </div>
  );
}
