/**
 * The FIX Try-it client: logs on to a transports="fix" proxy as its counterparty (the session
 * ids come from the proxy's runtime item: BeginString, and its SenderCompID/TargetCompID
 * swapped), sends one application message and returns the application messages that come back
 * (execution reports), one per line with SOH shown as `|`; then logs out.
 *
 * The payload is either tag=value fields separated by `|` or new lines (`35=D|11=ord1|55=IBM…`;
 * header, BodyLength and CheckSum are added) or MI's FIX XML (`<message><header>…`). The Logon
 * carries ResetSeqNumFlag (141=Y) so a Try-it never collides with the numbers a real
 * counterparty left in the session's store — which also starts that session's numbers over.
 */
import net from 'node:net';
import { fixWire } from '../../../../engine/index.js';
import type { SocketExchange, SocketProtocolClient, SocketTarget } from './client.js';

type FixField = fixWire.FixField;

/** How long the answers may pause before the exchange counts as complete. */
const QUIET_MS = 500;
const ADMIN = new Set(['0', '1', '2', '3', '4', '5', 'A']);

export function payloadFields(payload: string): FixField[] {
  const text = payload.trim();
  if (text.startsWith('<')) return fixWire.fromFixXml(text).fields;
  const fields: FixField[] = [];
  for (const part of text.split(/[|\n\x01]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)=(.*)$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a tag=value FIX field`);
    const tag = Number(m[1]);
    if (![8, 9, 10, 34, 49, 52, 56].includes(tag)) fields.push([tag, m[2]!]);
  }
  const type = fields.findIndex(([t]) => t === 35);
  if (type < 0) throw new Error('the message needs a MsgType field (35=…), e.g. 35=D for a NewOrderSingle');
  return [fields[type]!, ...fields.filter((_, i) => i !== type)];
}

function exchange(target: SocketTarget, payload: Uint8Array): Promise<SocketExchange> {
  const o = target.options;
  let body: FixField[];
  try {
    body = payloadFields(new TextDecoder().decode(payload));
  } catch (e) {
    return Promise.reject(e);
  }
  // We are the proxy's counterparty: its TargetCompID is our SenderCompID.
  const me = o.TargetCompID ?? 'BANZAI';
  const them = o.SenderCompID ?? 'SYNAPSE';
  const begin = o.BeginString ?? 'FIX.4.4';
  let seq = 1;
  const frame = (fields: FixField[]) => {
    const [type, ...rest] = fields;
    return fixWire.encodeFix([[8, begin], type!, [49, me], [56, them], [34, String(seq++)], [52, fixWire.utcTimestamp()], ...rest]);
  };
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const decoder = new fixWire.FixDecoder();
    const answers: fixWire.FixMessage[] = [];
    let loggedOn = false;
    let done = false;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: SocketExchange | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      if (loggedOn && !socket.destroyed) socket.write(frame([[35, '5']]));
      setTimeout(() => socket.destroy(), 100).unref?.();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const result = (): SocketExchange =>
      answers.length ? { reply: new TextEncoder().encode(answers.map((m) => fixWire.printable(fixWire.encodeFix(m.fields))).join('\n')) } : { reply: new Uint8Array(), noReply: true };
    const timer = setTimeout(() => finish(loggedOn ? result() : new Error(`the FIX session ${begin}:${me}->${them} did not answer the Logon within ${target.timeoutMs} ms`)), target.timeoutMs);
    socket.once('connect', () => socket.write(frame([[35, 'A'], [98, '0'], [108, '30'], [141, 'Y']])));
    socket.on('data', (chunk: Buffer) => {
      for (const ev of decoder.push(chunk)) {
        if (ev.kind !== 'message') continue;
        const type = fixWire.fieldOf(ev.message, 35);
        if (type === 'A' && !loggedOn) {
          loggedOn = true;
          socket.write(frame(body));
        } else if (type === '1') socket.write(frame([[35, '0'], [112, fixWire.fieldOf(ev.message, 112) ?? '']]));
        else if (type === '5') finish(loggedOn ? result() : new Error(`the FIX session refused the Logon: ${fixWire.fieldOf(ev.message, 58) ?? 'Logout'}`));
        else if (type !== undefined && !ADMIN.has(type)) {
          answers.push(ev.message);
          clearTimeout(quiet);
          quiet = setTimeout(() => finish(result()), QUIET_MS);
        }
      }
    });
    socket.once('close', () => finish(loggedOn ? result() : new Error(`the FIX acceptor closed the connection before a Logon answer (is ${begin}:${them}<-${me} a configured session?)`)));
    socket.once('error', (e: NodeJS.ErrnoException) => finish(new Error(e.code === 'ECONNREFUSED' ? `nothing listens for FIX on port ${target.port}` : `FIX: ${e.message}`)));
  });
}

const fixClient: SocketProtocolClient = { exchange };
export default fixClient;
