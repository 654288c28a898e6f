/**
 * Aggregation groups of one aggregate mediator: messages collected per
 * correlation (the parent message id set by clone/iterate, or the value of
 * correlateOn), completed by MI's rules — every copy arrived (`messageSequence`
 * count), messageCount min or max reached, or the timeout fired.
 */
import type { MessageContext } from '../../core/context.js';

export interface Limits {
  timeoutMs: number;
  min: number;
  max: number;
}

export class Group {
  readonly messages: MessageContext[] = [];
  completed = false;
  /** Settles once onComplete has run (by count or by timeout). */
  readonly done: Promise<void>;
  settle!: () => void;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly correlation: string,
    private readonly limits: Limits,
    /** Total number of copies announced by the first message (`i/n`), when known. */
    private readonly expected: number | undefined,
    onTimeout: (g: Group) => void,
  ) {
    this.done = new Promise((r) => (this.settle = r));
    if (limits.timeoutMs > 0) this.timer = setTimeout(() => onTimeout(this), limits.timeoutMs);
  }

  /** MI's Aggregate.addMessage: refused once max messages are held. */
  add(ctx: MessageContext): boolean {
    if (this.limits.max > 0 && this.messages.length >= this.limits.max) return false;
    this.messages.push(ctx);
    return true;
  }

  isComplete(): boolean {
    const n = this.messages.length;
    if (n > 0 && this.expected !== undefined && n >= this.expected) return true;
    if (this.limits.min > 0 && n >= this.limits.min) return true;
    if (this.limits.max > 0 && n >= this.limits.max) return true;
    return false;
  }

  /** Marks the group complete; false when it already was. */
  finish(): boolean {
    if (this.completed) return false;
    this.completed = true;
    if (this.timer) clearTimeout(this.timer);
    return true;
  }
}

/** Remembers recently completed correlations so late copies are dropped, not grouped again. */
export class CompletedSet {
  private readonly keys = new Set<string>();
  constructor(private readonly capacity = 10000) {}
  add(key: string): void {
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value as string);
  }
  has(key: string): boolean {
    return this.keys.has(key);
  }
}
