/**
 * In-memory response cache of one cache mediator (or of every mediator
 * sharing an `id` within an engine): entries expire after their lifetime and
 * the oldest entry is evicted beyond `maxSize`, like MI's memory cache.
 */
import type { HeaderMap } from '../../core/headers.js';
import type { Message } from '../../core/message.js';

export interface CachedResponse {
  status: number;
  statusText: string;
  headers: HeaderMap;
  message: Message;
  storedAt: number;
  expiresAt: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  constructor(private readonly maxSize: number) {}

  get(key: string, now: number): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (e && now >= e.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  put(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxSize) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

const shared = new WeakMap<object, Map<string, ResponseCache>>();

/** The cache for mediator `id` within one engine (`scope` = its services object). */
export function sharedCache(scope: object, id: string, maxSize: number): ResponseCache {
  let byId = shared.get(scope);
  if (!byId) shared.set(scope, (byId = new Map()));
  let c = byId.get(id);
  if (!c) byId.set(id, (c = new ResponseCache(maxSize)));
  return c;
}
