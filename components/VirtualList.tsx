/**
 * A list that renders only the rows in view (plus a few), so 10,000 items open and scroll as fast
 * as 20. Rows have one fixed height; the list keeps a tall spacer so the scroll bar stays honest,
 * and tells assistive technology each row's position in the whole list.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** The list's accessible name. */
  label: string;
  renderRow: (index: number) => ComponentChildren;
  /** Keeps this row in view (e.g. the one the keyboard moved to). */
  scrollToIndex?: number;
  overscan?: number;
}

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, overscan = 6 } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight || 480);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 480));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = viewport.current;
    const index = props.scrollToIndex;
    if (!element || index === undefined || index < 0) return;
    const top = index * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = top + rowHeight - element.clientHeight;
    }
    setScrollTop(element.scrollTop);
  }, [props.scrollToIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <li
        key={index}
        class="vrow"
        data-row={index}
        aria-setsize={count}
        aria-posinset={index + 1}
        style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
      >
        {props.renderRow(index)}
      </li>,
    );
  }
  return (
    <div class="vlist" ref={viewport} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul aria-label={props.label} style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}
