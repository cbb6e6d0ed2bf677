// A binary min-heap that knows where each item sits, so an item can be removed from the middle in
// O(log n) as well as from the top: a sell takes from the front, but a named lot (specific
// identification) or a wash-sale replacement can be anywhere in the queue. Each item carries its
// own position (a field, not a Map lookup per swap: the heap is the report's innermost loop).

/** What the heap stores: `heapIndex` is its to keep (-1 when out of the heap). */
export interface HeapItem {
  heapIndex: number;
}

export class IndexedHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  /** `before(a, b)` is true when `a` comes out first; it must be a strict total order on the items. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  has(item: T): boolean {
    return item.heapIndex >= 0 && this.items[item.heapIndex] === item;
  }

  push(item: T): void {
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  /** Removes `item` wherever it is; false when it is not in the heap. */
  remove(item: T): boolean {
    if (!this.has(item)) return false;
    const index = item.heapIndex;
    item.heapIndex = -1;
    const last = this.items.pop()!;
    if (index < this.items.length) {
      this.place(last, index);
      this.down(this.up(index));
    }
    return true;
  }

  /** Every item, in no particular order (a copy). */
  toArray(): T[] {
    return [...this.items];
  }

  private up(index: number): number {
    const items = this.items;
    const item = items[index]!;
    while (index > 0) {
      const parent = (index - 1) >>> 1;
      if (!this.before(item, items[parent]!)) break;
      this.place(items[parent]!, index);
      index = parent;
    }
    this.place(item, index);
    return index;
  }

  private down(index: number): void {
    const items = this.items;
    const item = items[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.before(items[right]!, items[left]!) ? right : left;
      if (!this.before(items[child]!, item)) break;
      this.place(items[child]!, index);
      index = child;
    }
    this.place(item, index);
  }

  private place(item: T, index: number): void {
    this.items[index] = item;
    item.heapIndex = index;
  }
}
