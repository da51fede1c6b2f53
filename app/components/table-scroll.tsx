import { useEffect, useRef, useState } from "react";

/**
 * The one way a data table meets a narrow screen (decision 013): the table keeps readable
 * columns (a minimum width per cell, the first column sticky) and scrolls sideways inside
 * this region, never the page. The region is labelled and takes keyboard focus, so it can
 * be scrolled with the arrow keys (axe: scrollable-region-focusable).
 *
 * Without JavaScript it is always a tab stop; with JavaScript it is one only while the
 * table is wider than the screen, so a desktop keyboard user does not tab through regions
 * that have nothing to scroll.
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-scroll" role="region" aria-label={label} tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  );
}
