/**
 * Views the unlocked popup rarely opens first (onboarding, settings) load on demand, so the vault's
 * first paint does not parse the schema library and the QR code reader with it.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyView<P extends object>(
  load: () => Promise<FunctionComponent<P>>,
): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState(() => loaded);
    useEffect(() => {
      if (!View) void load().then((view) => setView(() => (loaded = view)));
    }, []);
    return View ? <View {...props} /> : null;
  };
}
