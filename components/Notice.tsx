/** One line of feedback: an error to act on, or a status. Errors interrupt screen readers. */
import type { ComponentChildren } from 'preact';

export function ErrorNotice({ children }: { children?: ComponentChildren }) {
  if (!children) return null;
  return (
    <p role="alert" class="notice error">
      {children}
    </p>
  );
}

export function StatusNotice({ children }: { children?: ComponentChildren }) {
  return (
    <p role="status" class="notice">
      {children}
    </p>
  );
}
