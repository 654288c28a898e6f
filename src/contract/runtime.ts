/** The runtime service: the embedded runtime serving the open project, in a child process. */
import type { SocketListener, SocketTryItReply, SocketTryItRequest } from './socket-tryit.js';
import type { BrokerTryItReply, BrokerTryItRequest } from './broker-tryit.js';

export type RuntimeState = 'stopped' | 'starting' | 'running' | 'stopping';

export interface RuntimeStatus {
  state: RuntimeState;
  /** HTTP port while running. */
  port?: number;
  /** Why the last run ended, when it ended by itself (crash, failed start). */
  exitReason?: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogEntry {
  /** Increases by one per entry within a backend's lifetime. */
  seq: number;
  /** ISO time. */
  time: string;
  level: LogLevel;
  message: string;
  /** e.g. LogMediator, DeploymentEngine. */
  component?: string;
  /** e.g. api:HealthcareAPI */
  artifact?: string;
}

/** A deployment error reported by the runtime. */
export interface Problem {
  /** Project-relative when inside the project, else absolute. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code?: string;
  message: string;
}

/** What the runtime view shows of an inbound endpoint (`inbound-endpoint:Name`), a task (`task:Name`) or a polling proxy (`proxy:Name`). */
export interface RuntimeItem {
  /** kind:name */
  artifact: string;
  kind: string;
  name: string;
  /** Protocol or trigger: `http`, `file`, `every 5 s`, `cron 0 30 1 * * ?` ... */
  detail?: string;
  state: 'listening' | 'polling' | 'scheduled' | 'suspended' | 'failed' | 'stopped' | 'starting';
  lastError?: string;
  /** ms since epoch */
  lastPoll?: number;
  nextFire?: number;
  port?: number;
  canRunNow?: boolean;
  /** Try-it: a file can be dropped for it, or a test mail sent to its mailbox. */
  accepts?: 'file' | 'mail';
  /** Try-it: a socket listener (TCP/UDP proxy, HL7, WebSocket, FIX) a message can be sent to. */
  socket?: SocketListener;
}

export interface TestMailInput {
  subject: string;
  text: string;
  from?: string;
}

export interface RuntimeService {
  /** Inbound endpoints, tasks and polling proxies of the running runtime (empty when stopped). */
  items(): Promise<RuntimeItem[]>;
  /** Runs a task once now. */
  runNow(artifact: string): Promise<void>;
  /** Try-it: puts a file (text content) where a file endpoint or vfs proxy polls, and polls at once. */
  dropFile(artifact: string, name: string, content: string): Promise<void>;
  /** Try-it: puts a test mail into the mailbox a mail listener reads, and polls at once. */
  sendMail(artifact: string, mail: TestMailInput): Promise<void>;
  /** Try-it: sends a payload to a socket listener of the running project and returns its reply and the trace. */
  /** Broker Try-it: publishes one message and returns the runtime's log written meanwhile. */
  publishBroker(request: BrokerTryItRequest): Promise<BrokerTryItReply>;
  sendSocket(request: SocketTryItRequest): Promise<SocketTryItReply>;
  status(): Promise<RuntimeStatus>;
  /** Starts the runtime on the open project; resolves once it serves HTTP (or fails with the reason). */
  start(): Promise<RuntimeStatus>;
  stop(): Promise<RuntimeStatus>;
  /** The log kept so far (bounded), for a client that connects late. */
  recentLog(): Promise<LogEntry[]>;
  /** Current deployment problems. */
  problems(): Promise<Problem[]>;
}
