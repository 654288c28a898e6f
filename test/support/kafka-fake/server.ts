/**
 * A Kafka protocol fake: a TCP server on 127.0.0.1 speaking the part of the Kafka wire
 * protocol kafkajs needs to produce and to consume in a group, with in-memory topics and
 * partitions. It exists because no Kafka broker can run on this machine; every Kafka test
 * says so. One node (id 0) leads every partition and coordinates every group.
 *
 * APIs and the versions it advertises (kafkajs then uses exactly these): ApiVersions 0-2,
 * Metadata 0, Produce 3, Fetch 4, ListOffsets 1, FindCoordinator 0, JoinGroup 0,
 * SyncGroup 0, Heartbeat 0, OffsetCommit 2, OffsetFetch 1, LeaveGroup 0. Requests on one
 * connection are answered in order, as a broker does; a Fetch with nothing to return waits
 * up to its max wait time for records.
 */
import net from 'node:net';
import { Reader, Writer } from './codec.js';
import { PartitionLog } from './partition-log.js';
import { ConsumerGroup, ErrorCode } from './consumer-group.js';

const API = { Produce: 0, Fetch: 1, ListOffsets: 2, Metadata: 3, OffsetCommit: 8, OffsetFetch: 9, FindCoordinator: 10, JoinGroup: 11, Heartbeat: 12, LeaveGroup: 13, SyncGroup: 14, ApiVersions: 18 } as const;
const VERSIONS: Record<number, [number, number]> = {
  [API.Produce]: [3, 3],
  [API.Fetch]: [4, 4],
  [API.ListOffsets]: [1, 1],
  [API.Metadata]: [0, 0],
  [API.OffsetCommit]: [2, 2],
  [API.OffsetFetch]: [1, 1],
  [API.FindCoordinator]: [0, 0],
  [API.JoinGroup]: [0, 0],
  [API.Heartbeat]: [0, 0],
  [API.LeaveGroup]: [0, 0],
  [API.SyncGroup]: [0, 0],
  [API.ApiVersions]: [0, 2],
};
const NODE_ID = 0;

export interface KafkaFakeOptions {
  /** Partitions of a topic created on first use (Kafka's auto.create.topics.enable). Default 1. */
  defaultPartitions?: number;
}

export class KafkaFake {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  readonly topics = new Map<string, PartitionLog[]>();
  readonly groups = new Map<string, ConsumerGroup>();
  port = 0;
  /** Requests served, by API key (tests can check what a client did). */
  readonly requests = new Map<number, number>();

  constructor(private readonly options: KafkaFakeOptions = {}) {}

  /** Listens on 127.0.0.1 (port 0: a free one). */
  async start(port = 0): Promise<this> {
    const server = net.createServer((s) => this.serve(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    // An in-process fake must not keep a test worker alive on its own.
    server.unref();
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this;
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  createTopic(name: string, partitions = 1): PartitionLog[] {
    let logs = this.topics.get(name);
    if (!logs) {
      logs = Array.from({ length: partitions }, () => new PartitionLog());
      this.topics.set(name, logs);
    }
    return logs;
  }

  group(id: string): ConsumerGroup {
    let g = this.groups.get(id);
    if (!g) {
      g = new ConsumerGroup(id);
      this.groups.set(id, g);
    }
    return g;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    for (const g of this.groups.values()) g.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        if (pending.length < 4 + size) break;
        const frame = pending.subarray(4, 4 + size);
        pending = pending.subarray(4 + size);
        chain = chain.then(() => this.answer(socket, frame)).catch(() => socket.destroy());
      }
    });
  }

  private async answer(socket: net.Socket, frame: Buffer): Promise<void> {
    const r = new Reader(frame);
    const apiKey = r.int16();
    const version = r.int16();
    const correlationId = r.int32();
    const clientId = r.string() ?? '';
    this.requests.set(apiKey, (this.requests.get(apiKey) ?? 0) + 1);
    const range = VERSIONS[apiKey];
    let body: Buffer | undefined;
    if (!range || version < range[0] || version > range[1]) {
      // ApiVersions answers an unknown version in v0 form so the client can step down; other APIs are never asked for versions not advertised.
      body = new Writer().int16(ErrorCode.UNSUPPORTED_VERSION).array([], () => {}).toBuffer();
    } else body = await this.handle(apiKey, version, r, clientId);
    if (body === undefined || socket.destroyed) return;
    const out = new Writer().int32(body.length + 4).int32(correlationId).raw(body).toBuffer();
    socket.write(out);
  }

  /** The response body; undefined for a Produce with acks=0 (no response). */
  private async handle(apiKey: number, version: number, r: Reader, clientId: string): Promise<Buffer | undefined> {
    switch (apiKey) {
      case API.ApiVersions: {
        const w = new Writer().int16(ErrorCode.NONE).array(Object.entries(VERSIONS), (w, [key, [min, max]]) => w.int16(Number(key)).int16(min).int16(max));
        if (version >= 1) w.int32(0);
        return w.toBuffer();
      }
      case API.Metadata:
        return this.metadata(r);
      case API.Produce:
        return this.produce(r);
      case API.Fetch:
        return this.fetch(r);
      case API.ListOffsets:
        return this.listOffsets(r);
      case API.FindCoordinator:
        r.string();
        return new Writer().int16(ErrorCode.NONE).int32(NODE_ID).string('127.0.0.1').int32(this.port).toBuffer();
      case API.JoinGroup: {
        const groupId = r.string()!;
        r.int32(); // session timeout: members that stop heartbeating are dropped at the next rebalance instead
        const memberId = r.string() ?? '';
        r.string(); // protocol type ("consumer")
        const protocols = r.array((x) => ({ name: x.string()!, metadata: Buffer.from(x.bytes() ?? Buffer.alloc(0)) }));
        const j = await this.group(groupId).join(memberId, clientId, protocols);
        return new Writer()
          .int16(j.errorCode)
          .int32(j.generationId)
          .string(j.protocol)
          .string(j.leaderId)
          .string(j.memberId)
          .array(j.members, (w, m) => w.string(m.memberId).bytes(m.metadata))
          .toBuffer();
      }
      case API.SyncGroup: {
        const groupId = r.string()!;
        const generation = r.int32();
        const memberId = r.string()!;
        const assignments = r.array((x) => ({ memberId: x.string()!, assignment: Buffer.from(x.bytes() ?? Buffer.alloc(0)) }));
        const s = await this.group(groupId).sync(memberId, generation, assignments);
        return new Writer().int16(s.errorCode).bytes(s.assignment).toBuffer();
      }
      case API.Heartbeat: {
        const groupId = r.string()!;
        const generation = r.int32();
        const memberId = r.string()!;
        return new Writer().int16(this.group(groupId).heartbeat(memberId, generation)).toBuffer();
      }
      case API.LeaveGroup: {
        const groupId = r.string()!;
        const memberId = r.string()!;
        return new Writer().int16(this.group(groupId).leave(memberId)).toBuffer();
      }
      case API.OffsetCommit:
        return this.offsetCommit(r);
      case API.OffsetFetch:
        return this.offsetFetch(r);
    }
    return undefined;
  }

  private metadata(r: Reader): Buffer {
    const asked = r.array((x) => x.string()!);
    const defaultPartitions = this.options.defaultPartitions ?? 1;
    for (const t of asked) this.createTopic(t, defaultPartitions);
    const names = asked.length > 0 ? asked : [...this.topics.keys()];
    return new Writer()
      .array([NODE_ID], (w, id) => w.int32(id).string('127.0.0.1').int32(this.port))
      .array(names, (w, name) =>
        w
          .int16(ErrorCode.NONE)
          .string(name)
          .array(this.topics.get(name)!, (w, _log, i) => w.int16(ErrorCode.NONE).int32(i).int32(NODE_ID).array([NODE_ID], (w, n) => w.int32(n)).array([NODE_ID], (w, n) => w.int32(n))),
      )
      .toBuffer();
  }

  private produce(r: Reader): Buffer | undefined {
    r.string(); // transactional id
    const acks = r.int16();
    r.int32(); // timeout
    const topics = r.array((x) => ({ topic: x.string()!, data: x.array((y) => ({ partition: y.int32(), records: y.bytes() ?? Buffer.alloc(0) })) }));
    const results = topics.map(({ topic, data }) => {
      const logs = this.createTopic(topic, this.options.defaultPartitions ?? 1);
      return {
        topic,
        partitions: data.map(({ partition, records }) => {
          const log = logs[partition];
          if (!log) return { partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, base: -1n };
          return { partition, errorCode: ErrorCode.NONE, base: log.append(records) };
        }),
      };
    });
    if (acks === 0) return undefined;
    return new Writer()
      .array(results, (w, t) => w.string(t.topic).array(t.partitions, (w, p) => w.int32(p.partition).int16(p.errorCode).int64(p.base).int64(-1)))
      .int32(0)
      .toBuffer();
  }

  private async fetch(r: Reader): Promise<Buffer> {
    r.int32(); // replica id
    const maxWait = r.int32();
    r.int32(); // min bytes: any record is enough here
    const maxBytes = r.int32();
    r.int8(); // isolation level: nothing is transactional here
    const wanted = r.array((x) => ({ topic: x.string()!, partitions: x.array((y) => ({ partition: y.int32(), offset: y.int64(), maxBytes: y.int32() })) }));
    const collect = () =>
      wanted.map(({ topic, partitions }) => ({
        topic,
        partitions: partitions.map((p) => {
          const log = this.topics.get(topic)?.[p.partition];
          if (!log) return { ...p, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, hw: -1n, records: Buffer.alloc(0) };
          if (p.offset > log.highWatermark || p.offset < 0n) return { ...p, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, hw: log.highWatermark, records: Buffer.alloc(0) };
          return { ...p, errorCode: ErrorCode.NONE, hw: log.highWatermark, records: log.read(p.offset, Math.min(p.maxBytes, maxBytes)) };
        }),
      }));
    let result = collect();
    const empty = result.every((t) => t.partitions.every((p) => p.records.length === 0 && p.errorCode === ErrorCode.NONE));
    if (empty && maxWait > 0) {
      const logs = wanted.flatMap(({ topic, partitions }) => partitions.map((p) => this.topics.get(topic)?.[p.partition]).filter((l): l is PartitionLog => !!l));
      const timer = new Promise<void>((resolve) => setTimeout(resolve, maxWait));
      await Promise.race([timer, ...logs.map((l) => l.waitForData(maxWait))]);
      result = collect();
    }
    return new Writer()
      .int32(0)
      .array(result, (w, t) =>
        w.string(t.topic).array(t.partitions, (w, p) => w.int32(p.partition).int16(p.errorCode).int64(p.hw).int64(p.hw).array([], () => {}).bytes(p.records)),
      )
      .toBuffer();
  }

  private listOffsets(r: Reader): Buffer {
    r.int32(); // replica id
    const topics = r.array((x) => ({ topic: x.string()!, partitions: x.array((y) => ({ partition: y.int32(), timestamp: y.int64() })) }));
    return new Writer()
      .array(topics, (w, t) =>
        w.string(t.topic).array(t.partitions, (w, p) => {
          const log = this.topics.get(t.topic)?.[p.partition];
          if (!log) return void w.int32(p.partition).int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).int64(-1).int64(-1);
          // -1: the end (latest), -2: the start (earliest); a time: the first record at or after it.
          const offset = p.timestamp === -1n ? log.highWatermark : p.timestamp === -2n ? 0n : log.offsetForTime(p.timestamp);
          w.int32(p.partition).int16(ErrorCode.NONE).int64(-1).int64(offset);
        }),
      )
      .toBuffer();
  }

  private offsetCommit(r: Reader): Buffer {
    const groupId = r.string()!;
    const generation = r.int32();
    const memberId = r.string()!;
    r.int64(); // retention time
    const topics = r.array((x) => ({ topic: x.string()!, partitions: x.array((y) => ({ partition: y.int32(), offset: y.int64(), metadata: y.string() })) }));
    const group = this.group(groupId);
    const errorCode = group.commit(
      memberId,
      generation,
      topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset }))),
    );
    return new Writer().array(topics, (w, t) => w.string(t.topic).array(t.partitions, (w, p) => w.int32(p.partition).int16(errorCode))).toBuffer();
  }

  private offsetFetch(r: Reader): Buffer {
    const group = this.group(r.string()!);
    const topics = r.array((x) => ({ topic: x.string()!, partitions: x.array((y) => y.int32()) }));
    return new Writer()
      .array(topics, (w, t) => w.string(t.topic).array(t.partitions, (w, p) => w.int32(p).int64(group.committed(t.topic, p)).string('').int16(ErrorCode.NONE)))
      .toBuffer();
  }
}
