/** Transport headers: case-insensitive lookup, original spelling kept for output (MI's TRANSPORT_HEADERS map). */
export class HeaderMap {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(init?: Iterable<[string, string]> | Record<string, string>) {
    if (!init) return;
    const entries = Symbol.iterator in Object(init) ? (init as Iterable<[string, string]>) : Object.entries(init);
    for (const [k, v] of entries) this.set(k, v);
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), { name, value });
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  clear(): void {
    this.map.clear();
  }
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (const e of this.map.values()) out.push([e.name, e.value]);
    return out;
  }
  /** The lower-cased names present now (a snapshot). */
  names(): Set<string> {
    return new Set(this.map.keys());
  }
  /** Visits every header in insertion order, with its original spelling (no array per header). */
  forEach(visit: (value: string, name: string) => void): void {
    for (const e of this.map.values()) visit(e.value, e.name);
  }
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.entries());
  }
  clone(): HeaderMap {
    return new HeaderMap(this.entries());
  }
  get size(): number {
    return this.map.size;
  }
}
