/**
 * The export password's strength meter and submit gate, apart from the form: the one place that
 * knows how this version's strength estimate is read (NewPasswordFields' `useNewPassword`).
 * Main's zxcvbn estimator (in a worker, so asynchronous) reads it differently: on merging, this
 * file becomes `strength={choice.estimate.shown} failed={choice.estimate.failed}` and
 * `choice.estimate.deferSubmit(form)`.
 */
import type { NewPassword } from '@/components/NewPasswordFields';
import { StrengthMeter } from '@/components/StrengthMeter';

export function ExportStrengthMeter({ choice }: { choice: NewPassword }) {
  return choice.password ? <StrengthMeter strength={choice.strength} id="export-strength" /> : null;
}

/** True when the submit must wait for the estimate (it comes back by itself): never, here. */
export function waitForStrength(_choice: NewPassword, _form: HTMLFormElement): boolean {
  return false;
}
