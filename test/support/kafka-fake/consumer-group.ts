/**
 * A consumer group as the fake's coordinator runs it: members join (the first join waits a
 * moment for others, as Kafka's initial rebalance delay does), the first member is leader
 * and gets every member's subscription, the leader's SyncGroup hands each member its
 * assignment, heartbeats tell members of a rebalance, and committed offsets are kept per
 * topic-partition. A member that does not rejoin a rebalance within the join window is dropped.
 */
import { randomUUID } from 'node:crypto';

export const ErrorCode = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  ILLEGAL_GENERATION: 22,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
  UNSUPPORTED_VERSION: 35,
} as const;

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocol: string;
  leaderId: string;
  memberId: string;
  /** Every member's metadata for the chosen protocol; only the leader gets it. */
  members: { memberId: string; metadata: Buffer }[];
}

interface Member {
  id: string;
  protocols: { name: string; metadata: Buffer }[];
}

const INITIAL_DELAY_MS = 100;
const JOIN_WINDOW_MS = 1500;

export class ConsumerGroup {
  generation = 0;
  private members = new Map<string, Member>();
  private leader = '';
  private protocol = '';
  private rebalancing = false;
  private joining = new Map<string, (r: JoinResult) => void>();
  private joinTimer?: NodeJS.Timeout;
  private assignments = new Map<string, Buffer>();
  private syncWaiters = new Map<string, (r: { errorCode: number; assignment: Buffer }) => void>();
  private synced = false;
  readonly offsets = new Map<string, bigint>();

  constructor(readonly id: string) {}

  join(memberId: string, clientId: string, protocols: Member['protocols']): Promise<JoinResult> {
    if (memberId && !this.members.has(memberId) && !this.joining.has(memberId)) {
      return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, generationId: -1, protocol: '', leaderId: '', memberId, members: [] });
    }
    const id = memberId || `${clientId}-${randomUUID()}`;
    this.members.set(id, { id, protocols });
    if (!this.rebalancing) this.beginRebalance();
    return new Promise((resolve) => {
      this.joining.set(id, resolve);
      this.scheduleJoinCompletion();
    });
  }

  sync(memberId: string, generation: number, assignments: { memberId: string; assignment: Buffer }[]): Promise<{ errorCode: number; assignment: Buffer }> {
    if (!this.members.has(memberId)) return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) });
    if (generation !== this.generation) return Promise.resolve({ errorCode: ErrorCode.ILLEGAL_GENERATION, assignment: Buffer.alloc(0) });
    if (this.rebalancing) return Promise.resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
    if (memberId === this.leader) {
      this.assignments = new Map(assignments.map((a) => [a.memberId, a.assignment]));
      this.synced = true;
      for (const [m, resolve] of this.syncWaiters) resolve({ errorCode: ErrorCode.NONE, assignment: this.assignments.get(m) ?? Buffer.alloc(0) });
      this.syncWaiters.clear();
    }
    if (this.synced) return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: this.assignments.get(memberId) ?? Buffer.alloc(0) });
    return new Promise((resolve) => this.syncWaiters.set(memberId, resolve));
  }

  heartbeat(memberId: string, generation: number): number {
    if (!this.members.has(memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (this.rebalancing) return ErrorCode.REBALANCE_IN_PROGRESS;
    if (generation !== this.generation) return ErrorCode.ILLEGAL_GENERATION;
    return ErrorCode.NONE;
  }

  leave(memberId: string): number {
    if (!this.members.delete(memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.joining.delete(memberId);
    if (this.members.size > 0) this.beginRebalance();
    else {
      this.rebalancing = false;
      clearTimeout(this.joinTimer);
    }
    return ErrorCode.NONE;
  }

  /** -1 for an unknown generation means "not in a group" (simple consumers), which Kafka accepts. */
  commit(memberId: string, generation: number, offsets: { topic: string; partition: number; offset: bigint }[]): number {
    if (generation !== -1 && (generation !== this.generation || !this.members.has(memberId))) return ErrorCode.ILLEGAL_GENERATION;
    for (const o of offsets) this.offsets.set(`${o.topic}:${o.partition}`, o.offset);
    return ErrorCode.NONE;
  }

  committed(topic: string, partition: number): bigint {
    return this.offsets.get(`${topic}:${partition}`) ?? -1n;
  }

  close(): void {
    clearTimeout(this.joinTimer);
  }

  private beginRebalance(): void {
    this.rebalancing = true;
    this.synced = false;
    for (const [, resolve] of this.syncWaiters) resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
    this.syncWaiters.clear();
    clearTimeout(this.joinTimer);
    this.joinTimer = setTimeout(() => this.completeJoin(), this.generation === 0 ? INITIAL_DELAY_MS : JOIN_WINDOW_MS);
  }

  /** Completes early once every known member has rejoined (after the initial delay for a new group). */
  private scheduleJoinCompletion(): void {
    if (this.generation > 0 && [...this.members.keys()].every((m) => this.joining.has(m))) {
      clearTimeout(this.joinTimer);
      this.joinTimer = setTimeout(() => this.completeJoin(), 0);
    }
  }

  private completeJoin(): void {
    for (const id of [...this.members.keys()]) if (!this.joining.has(id)) this.members.delete(id);
    if (this.members.size === 0) {
      this.rebalancing = false;
      return;
    }
    this.generation++;
    this.rebalancing = false;
    const ids = [...this.members.keys()];
    this.leader = ids.includes(this.leader) ? this.leader : ids[0]!;
    const leaderProtocols = this.members.get(this.leader)!.protocols.map((p) => p.name);
    this.protocol = leaderProtocols.find((name) => [...this.members.values()].every((m) => m.protocols.some((p) => p.name === name))) ?? leaderProtocols[0] ?? '';
    const metadata = ids.map((memberId) => ({ memberId, metadata: this.members.get(memberId)!.protocols.find((p) => p.name === this.protocol)?.metadata ?? Buffer.alloc(0) }));
    for (const [memberId, resolve] of this.joining) {
      resolve({ errorCode: ErrorCode.NONE, generationId: this.generation, protocol: this.protocol, leaderId: this.leader, memberId, members: memberId === this.leader ? metadata : [] });
    }
    this.joining.clear();
  }
}
