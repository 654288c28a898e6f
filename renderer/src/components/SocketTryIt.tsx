/**
 * Try-it for a socket listener (a TCP or UDP proxy, an HL7, WebSocket or FIX inbound endpoint):
 * the backend sends the payload as a real client of that protocol would, and this shows the reply
 * (framing removed) and what the runtime logged while handling it.
 */
import { useState } from 'react';
import type { RuntimeItem, SocketTryItReply } from '../../../src/contract/index.js';
import { errorMessage, type StudioClient } from '../connection.js';

/** A first payload per protocol, so Send does something sensible at once. */
const SAMPLE_PAYLOAD: Record<string, string> = {
  tcp: '<message>hello</message>',
  udp: '<message>hello</message>',
  hl7: 'MSH|^~\\&|TRYIT|MEDIATE|RECEIVER|HOSPITAL|20240101120000||ADT^A01|MSG00001|P|2.5\nPID|1||12345^^^HOSP^MR||DOE^JANE',
  ws: 'hello',
  // tag=value, `|` between fields; header, BodyLength and CheckSum are added (a NewOrderSingle).
  fix: '35=D|11=order-1|21=1|55=IBM|54=1|60=20240101-12:00:00|38=100|40=1',
};

export function SocketTryIt({ client, item }: { client: StudioClient; item: RuntimeItem & { socket: NonNullable<RuntimeItem['socket']> } }) {
  const protocol = item.socket.protocol;
  const [payload, setPayload] = useState(SAMPLE_PAYLOAD[protocol] ?? '');
  const [reply, setReply] = useState<SocketTryItReply>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    setError(undefined);
    setReply(undefined);
    try {
      setReply(await client.service('runtime').sendSocket({ artifact: item.artifact, payload }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="runtime-tryit" data-testid="tryit-socket" data-protocol={protocol}>
      <div>
        Send a {protocol.toUpperCase()} message to {item.artifact}
        {item.port !== undefined ? ` (port ${item.port})` : ''}
      </div>
      <textarea aria-label="Payload" value={payload} onChange={(e) => setPayload(e.target.value)} data-testid="tryit-socket-payload" rows={5} />
      <button data-testid="tryit-socket-send" disabled={sending} onClick={() => void send()}>
        {sending ? 'Sending…' : 'Send'}
      </button>
      {error && <div className="runtime-outcome error">{error}</div>}
      {reply && (
        <>
          <div className="muted">
            {reply.noReply ? `no reply within the wait (${reply.timeMs} ms)` : `reply: ${reply.replyBytes} bytes in ${reply.timeMs} ms`}
          </div>
          <pre className="socket-reply" data-testid="tryit-socket-reply" data-bytes={reply.replyBytes}>
            {reply.reply}
          </pre>
          {reply.trace.length > 0 && (
            <details open data-testid="tryit-socket-trace">
              <summary>Trace ({reply.trace.length} log lines)</summary>
              <pre className="socket-trace">{reply.trace.map((e) => `${e.level.toUpperCase()} ${e.component ? `[${e.component}] ` : ''}${e.message}`).join('\n')}</pre>
            </details>
          )}
        </>
      )}
    </div>
  );
}
