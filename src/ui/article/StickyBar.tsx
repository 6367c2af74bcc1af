/**
 * The transport, legend and status stay on screen while the article scrolls. Its height is
 * published as --bar-h on the main column, so sticky figures and scroll targets sit just below it.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function StickyBar({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    // On the main column, not the page root: a custom property changed on the root restyles every
    // element of the page (~20 ms here), and only the column's sticky figures use it.
    const host = (el.closest('.main') as HTMLElement | null) ?? document.documentElement;
    let last = '';
    const ro = new ResizeObserver(() => {
      const h = `${Math.ceil(el.getBoundingClientRect().height)}px`;
      if (h !== last) host.style.setProperty('--bar-h', (last = h));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={ref} className="sticky-bar">
      {children}
    </div>
  );
}
