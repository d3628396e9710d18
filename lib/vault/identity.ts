/** How an identity reads in one line: its person's name, or the company when there is none. */
import type { IdentityItem } from './item';

export function identityName(
  item: Pick<IdentityItem, 'firstName' | 'lastName' | 'company'>,
): string {
  const name = [item.firstName, item.lastName].map((part) => part.trim()).filter(Boolean);
  return name.length > 0 ? name.join(' ') : item.company.trim();
}
