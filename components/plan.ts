/** A plan by its name in the user's language, for Settings → Plan and the reset page alike. */
import { t, type MessageKey } from '@/lib/i18n';
import type { Plan } from '@/lib/messaging/devices';

const planNames: Record<Plan, MessageKey> = {
  free: 'planFree',
  pro: 'planPro',
};

/** A plan this build does not know yet (a newer server's) is shown by its code. */
export function planName(plan: Plan | (string & {})): string {
  return Object.hasOwn(planNames, plan) ? t(planNames[plan as Plan]) : plan;
}
