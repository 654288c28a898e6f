/**
 * The WebSocket clients connected to this runtime's ws/wss inbound endpoints, by channel id.
 * A message injected from a client carries its channel id (SOURCE_CHANNEL_PROPERTY); the ws://
 * sender keys its backend connections by it (one backend connection per client, as MI's
 * WebsocketConnectionFactory does) and hands the backend's frames back to the client's
 * endpoint, whose outflow dispatch sequence then runs with the client as the response target.
 */

/** One WebSocket frame's payload. */
export interface WsFrame {
  data: Uint8Array;
  binary: boolean;
}

/** Property naming the client channel a message came from (MI keeps the Netty channel under a similar key). */
export const SOURCE_CHANNEL_PROPERTY = 'websocket.source.channel.identifier';
/** The sender's key for messages that did not come from a WebSocket client (MI's UNIVERSAL_SOURCE_IDENTIFIER). */
export const UNIVERSAL_SOURCE = 'universal.source.identifier';

export interface SourceChannel {
  readonly id: string;
  /** Injects a frame the backend sent into the endpoint's outflow dispatch sequence; its response goes to this client. */
  fromBackend(frame: WsFrame, contentType: string): Promise<void>;
}

export class SourceChannels {
  private readonly channels = new Map<string, SourceChannel>();
  private readonly closeListeners = new Map<string, (() => void)[]>();

  add(channel: SourceChannel): void {
    this.channels.set(channel.id, channel);
  }

  get(id: string): SourceChannel | undefined {
    return this.channels.get(id);
  }

  /** Runs `listener` when the client goes away (at once if it already has). */
  onClose(id: string, listener: () => void): void {
    if (!this.channels.has(id)) {
      listener();
      return;
    }
    const list = this.closeListeners.get(id) ?? [];
    list.push(listener);
    this.closeListeners.set(id, list);
  }

  remove(id: string): void {
    this.channels.delete(id);
    const listeners = this.closeListeners.get(id) ?? [];
    this.closeListeners.delete(id);
    for (const l of listeners) l();
  }
}
