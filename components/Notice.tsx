/** One line of feedback: an error to act on, or a status. Errors interrupt screen readers. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * An error appears where the user is looking: the 600-px popup scrolls it into view (issue 13 met
 * sign-in and create-account errors below the fold). It takes focus too, so the keyboard lands on
 * it, unless focus is in a field or box the user is working in: role=alert reads it out either way.
 */
export function ErrorNotice({ children }: { children?: ComponentChildren }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    const notice = ref.current;
    const text = notice?.textContent ?? undefined;
    if (text === shown.current) return;
    shown.current = text;
    if (!notice) return;
    notice.scrollIntoView({ block: 'nearest' });
    const active = notice.ownerDocument.activeElement;
    if (!active?.matches('input, textarea, select')) notice.focus({ preventScroll: true });
  });
  if (!children) return null;
  return (
    <p role="alert" class="notice error" tabIndex={-1} ref={ref}>
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
