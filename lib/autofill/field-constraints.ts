/**
 * What a password field tells us about the passwords its site accepts, for generateForSite
 * (lib/vault/password-rules.ts). Attributes only: the content script reads, the background
 * generates. `minLength`/`maxLength` are the browser's own parse of the attributes (-1 when absent
 * or not a valid non-negative integer, https://html.spec.whatwg.org/#attr-input-maxlength).
 */
import type { FieldConstraints } from '../vault/password-rules';

export function constraintsOf(input: HTMLInputElement): FieldConstraints {
  const constraints: FieldConstraints = {};
  if (input.minLength > 0) constraints.minLength = input.minLength;
  if (input.maxLength > 0) constraints.maxLength = input.maxLength;
  const pattern = input.getAttribute('pattern');
  if (pattern) constraints.pattern = pattern;
  const rules = input.getAttribute('passwordrules');
  if (rules) constraints.passwordRules = rules;
  return constraints;
}
