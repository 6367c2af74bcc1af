/**
 * The transport, legend and status stay on screen while the article scrolls. Its height is
 * published as --bar-h on the page root, so sticky figures and scroll targets sit just below it.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function StickyBar({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    const root = document.documentElement;
    const ro = new ResizeObserver(() => root.style.setProperty('--bar-h', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={ref} className="sticky-bar">
      {children}
    </div>
  );
}
