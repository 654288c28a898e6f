/**
 * Message stores and processors of the running runtime, for the studio's
 * store browser and processor panel (beyond MI, which needs a separate
 * dashboard for this). JSON-only.
 */

export interface StoreView {
  name: string;
  /** MI's class, short (InMemoryStore, JDBCMessageStore ...). */
  className: string;
  state: 'connecting' | 'open' | 'failed' | 'closed';
  /** Messages in the store; undefined while it is not open. */
  size?: number;
  lastError?: string;
}

export interface ProcessorView {
  name: string;
  kind: 'forwarding' | 'failover' | 'sampling';
  storeName: string;
  active: boolean;
  /** False while another instance holds this processor's lease (it runs there). */
  leaseHeld: boolean;
  lastError?: string;
  delivered: number;
}

export interface MessagingOverview {
  stores: StoreView[];
  processors: ProcessorView[];
}

/** One row of the browser. */
export interface StoredMessageRow {
  messageId: string;
  storedAt: number;
  contentType?: string;
  /** The first characters of the payload. */
  preview: string;
}

export interface StoredMessageDetail extends StoredMessageRow {
  /** The payload as text (XML envelope, JSON, text; binary as base64). */
  payload: string;
  headers: [string, string][];
  /** Synapse (default) scope properties, as text. */
  properties: Record<string, string>;
  axis2: Record<string, string>;
  to?: string;
  soapAction?: string;
}

export interface MessagingService {
  /** Stores and processors; empty while the runtime is stopped. */
  overview(): Promise<MessagingOverview>;
  messages(store: string, offset: number, limit: number): Promise<StoredMessageRow[]>;
  message(store: string, messageId: string): Promise<StoredMessageDetail | null>;
  deleteMessage(store: string, messageId: string): Promise<boolean>;
  /** Puts the message at the back of its store again and reactivates a stopped processor of that store. */
  resendMessage(store: string, messageId: string): Promise<boolean>;
  moveMessage(store: string, messageId: string, targetStore: string): Promise<boolean>;
  setProcessorActive(name: string, active: boolean): Promise<ProcessorView>;
}
