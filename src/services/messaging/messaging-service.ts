/**
 * The studio's message-store browser and processor toggle: each call is a
 * request to the running runtime child over its IPC channel (the runtime
 * service's messagingRequest); while the runtime is stopped the overview is
 * empty and other calls fail with "the runtime is not running".
 */
import type { MessagingOverview, MessagingService, ProcessorView, StoredMessageDetail, StoredMessageRow } from '../../contract/index.js';

export interface MessagingChannel {
  /** Absent on a runtime service without an IPC channel to its child. */
  messagingRequest?(op: string, args: unknown[]): Promise<unknown>;
  runningPort(): number | undefined;
}

export class RuntimeMessagingService implements MessagingService {
  constructor(private readonly channel: MessagingChannel) {}

  private readonly runtime = {
    messagingRequest: (op: string, args: unknown[]): Promise<unknown> => {
      if (!this.channel.messagingRequest) return Promise.reject(new Error('this runtime service cannot reach the runtime\'s message stores'));
      return this.channel.messagingRequest(op, args);
    },
    runningPort: () => this.channel.runningPort(),
  };

  async overview(): Promise<MessagingOverview> {
    if (this.runtime.runningPort() === undefined) return { stores: [], processors: [] };
    return (await this.runtime.messagingRequest('overview', [])) as MessagingOverview;
  }

  async messages(store: string, offset: number, limit: number): Promise<StoredMessageRow[]> {
    return (await this.runtime.messagingRequest('messages', [store, offset, limit])) as StoredMessageRow[];
  }

  async message(store: string, messageId: string): Promise<StoredMessageDetail | null> {
    return (await this.runtime.messagingRequest('message', [store, messageId])) as StoredMessageDetail | null;
  }

  async deleteMessage(store: string, messageId: string): Promise<boolean> {
    return (await this.runtime.messagingRequest('deleteMessage', [store, messageId])) as boolean;
  }

  async resendMessage(store: string, messageId: string): Promise<boolean> {
    return (await this.runtime.messagingRequest('resendMessage', [store, messageId])) as boolean;
  }

  async moveMessage(store: string, messageId: string, targetStore: string): Promise<boolean> {
    return (await this.runtime.messagingRequest('moveMessage', [store, messageId, targetStore])) as boolean;
  }

  async setProcessorActive(name: string, active: boolean): Promise<ProcessorView> {
    return (await this.runtime.messagingRequest('setProcessorActive', [name, active])) as ProcessorView;
  }
}
