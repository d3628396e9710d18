/**
 * Writing a value into a page's input the way typing would (DESIGN §6): through the native value
 * setter, so a framework that tracks the property (React's value tracker, Vue, Angular) sees a
 * change, followed by the events those frameworks listen for. Relative imports only: this goes
 * into the small fill script.
 */

/** The value setter of the input's own prototype chain, not one a page may have defined on it. */
function nativeSetter(input: HTMLInputElement): ((value: string) => void) | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  const set = descriptor?.set;
  return set ? (value: string) => set.call(input, value) : undefined;
}

export function fillInput(input: HTMLInputElement, value: string): void {
  input.focus({ preventScroll: true });
  const set = nativeSetter(input);
  if (set) set(value);
  else input.value = value;
  input.dispatchEvent(
    new InputEvent('input', {
      bubbles: true,
      composed: true,
      data: value,
      inputType: 'insertReplacementText',
    }),
  );
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Writes a one-time code into the fields that ask for it (detect-otp.ts `findOtpFields`): the
 * whole code into one field, or one digit per box of a row, in order, as typing would (pages
 * move the focus on from box to box themselves). A row of another length gets nothing: false.
 */
export function fillOtp(fields: readonly HTMLInputElement[], code: string): boolean {
  if (fields.length === 1) fillInput(fields[0]!, code);
  else if (fields.length > 1 && fields.length === code.length) {
    fields.forEach((box, i) => fillInput(box, code[i]!));
  } else return false;
  return true;
}
