// A windowed list: only the rows in view (plus a margin) are in the DOM, so a queue of 500 or
// 5,000 cases scrolls as smoothly as one of 20. Rows have a fixed height.
import { useEffect, useRef, useState, type ReactNode } from "react";

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Rows rendered above and below the visible ones. */
  overscan?: number;
  render(item: T, index: number): ReactNode;
  keyOf(item: T): string | number;
  /** Index to keep in view (keyboard selection). */
  activeIndex?: number;
  label: string;
  className?: string;
}

export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 8,
  render,
  keyOf,
  activeIndex,
  label,
  className,
}: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex === undefined || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = top + rowHeight - el.clientHeight;
  }, [activeIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <div
        key={keyOf(item)}
        role="listitem"
        className="vrow"
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
      >
        {render(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className={`vlist ${className ?? ""}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid="queue-scroller"
    >
      {/* An empty list is no list: role="list" asks for list items. */}
      <div
        role={items.length ? "list" : undefined}
        aria-label={items.length ? label : undefined}
        style={{ height: items.length * rowHeight, position: "relative" }}
      >
        {rows}
      </div>
    </div>
  );
}
