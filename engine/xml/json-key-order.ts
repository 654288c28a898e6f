/**
 * Member order of JSON objects whose keys JavaScript would reorder.
 *
 * A JS object lists integer-like keys (`"2"`, `"1001"`: canonical array indices) first, in
 * ascending order, before all other keys, so `{"b":1,"2":0}` read into a plain object would
 * be written back as `{"2":0,"b":1}`. MI never reorders members (it streams them), so for such
 * objects the source order is kept in a side table, like number spellings (json-numbers.ts),
 * and the writers ask `orderedKeys` instead of `Object.keys`. Objects without such keys (nearly
 * all) have no entry and cost one lookup.
 */

const orders = new WeakMap<object, string[]>();

/** Whether JS orders `key` as an array index (before every other key of an object). */
export function isIndexKey(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39)) return false;
  if (!/^(?:0|[1-9][0-9]*)$/.test(key)) return false;
  return Number(key) < 4294967295;
}

/** Remembers `keys` (distinct, in source order) as the member order of `object`. */
export function recordKeyOrder(object: object, keys: string[]): void {
  orders.set(object, keys);
}

/**
 * The keys of `object` in the order to write them: the recorded source order for the members
 * still present, then members added since (in JS order); plain `Object.keys` when none is recorded.
 */
export function orderedKeys(object: object): string[] {
  const own = Object.keys(object);
  const recorded = orders.get(object);
  if (recorded === undefined) return own;
  const present = new Set(own);
  const out = recorded.filter((k) => present.has(k));
  if (out.length === own.length) return out;
  const listed = new Set(out);
  for (const k of own) if (!listed.has(k)) out.push(k);
  return out;
}
