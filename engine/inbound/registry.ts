/** Inbound protocol implementations by `protocol` name and by Java class name (`class=`). One per host. */
import type { InboundProtocol } from './types.js';

export class InboundProtocolRegistry {
  private readonly byName = new Map<string, InboundProtocol>();
  private readonly byClass = new Map<string, InboundProtocol>();

  /** Registers a protocol under its descriptor's name and class names; `classNames` adds custom `class=` values. */
  register(protocol: InboundProtocol, classNames: readonly string[] = []): this {
    this.byName.set(protocol.descriptor.protocol, protocol);
    for (const c of [...(protocol.descriptor.classNames ?? []), ...classNames]) this.byClass.set(c, protocol);
    return this;
  }

  /** The implementation for an endpoint: by `protocol`, else by `class`. */
  find(ref: { protocol?: string; className?: string }): InboundProtocol | undefined {
    if (ref.protocol) return this.byName.get(ref.protocol);
    if (ref.className) return this.byClass.get(ref.className);
    return undefined;
  }

  protocols(): InboundProtocol[] {
    return [...this.byName.values()];
  }
}
