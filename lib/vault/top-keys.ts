/**
 * The `limit` largest of the first `count` keys, largest first. Typing one letter can match most
 * of a 10,000-item vault while the popup shows 200, so a bounded min-heap (n log limit, and most
 * keys are rejected by one comparison with the heap's root) beats sorting every match.
 */
export function topKeys(keys: Float64Array, count: number, limit: number): Float64Array {
  const size = Math.min(count, limit);
  if (size <= 0) return new Float64Array(0);
  if (count <= limit * 4) {
    return keys.slice(0, count).sort().reverse().slice(0, size);
  }
  const heap = keys.slice(0, size);
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, i, size);
  for (let i = size; i < count; i++) {
    const key = keys[i] as number;
    if (key <= (heap[0] as number)) continue;
    heap[0] = key;
    siftDown(heap, 0, size);
  }
  return heap.sort().reverse();
}

function siftDown(heap: Float64Array, start: number, size: number) {
  let i = start;
  const value = heap[i] as number;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && (heap[child + 1] as number) < (heap[child] as number)) child++;
    if ((heap[child] as number) >= value) break;
    heap[i] = heap[child] as number;
    i = child;
  }
  heap[i] = value;
}
