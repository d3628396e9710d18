/**
 * The export password's strength meter and submit gate, apart from the form: the one place that
 * knows how the strength estimate is read (NewPasswordFields' `useNewPassword`). The estimate
 * comes from a worker, so a submit before it arrives waits for it (`deferSubmit`).
 */
import type { NewPassword } from '@/components/NewPasswordFields';
import { StrengthMeter } from '@/components/StrengthMeter';

export function ExportStrengthMeter({ choice }: { choice: NewPassword }) {
  return choice.password ? (
    <StrengthMeter
      strength={choice.estimate.shown}
      failed={choice.estimate.failed}
      id="export-strength"
    />
  ) : null;
}

/** True when the submit must wait for the estimate (the form is submitted again once it is in). */
export function waitForStrength(choice: NewPassword, form: HTMLFormElement): boolean {
  return choice.estimate.deferSubmit(form);
}
