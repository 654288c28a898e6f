/**
 * Two connected in-memory transports (tests, and hosts that run the renderer
 * side in the same process). Messages go through a JSON round trip and are
 * delivered asynchronously, as on a real wire, so non-JSON data fails here too.
 */
import { parseEnvelope, type Envelope } from './envelopes.js';
import { Listeners, type Transport } from './transport.js';

export function createMemoryTransportPair(): [Transport, Transport] {
  const ends = [makeEnd(), makeEnd()];
  const [a, b] = ends;
  a.peer = b;
  b.peer = a;
  return [a.transport, b.transport];
}

interface End {
  peer?: End;
  closed: boolean;
  messages: Listeners<Envelope>;
  closes: Listeners<void>;
  transport: Transport;
}

function makeEnd(): End {
  const end: End = {
    closed: false,
    messages: new Listeners<Envelope>(),
    closes: new Listeners<void>(),
    transport: undefined as unknown as Transport,
  };
  const shutdown = (e: End) => {
    if (e.closed) return;
    e.closed = true;
    e.closes.emit();
  };
  end.transport = {
    send(message) {
      const peer = end.peer;
      if (end.closed || !peer || peer.closed) return;
      const wire = JSON.stringify(message);
      queueMicrotask(() => {
        const parsed = parseEnvelope(wire);
        if (parsed && !peer.closed) peer.messages.emit(parsed);
      });
    },
    onMessage: (h) => end.messages.add(h),
    onClose: (h) => end.closes.add(() => h()),
    close() {
      shutdown(end);
      if (end.peer) shutdown(end.peer);
    },
  };
  return end;
}
