/**
 * The `hl7://host:port[?timeout=ms]` sender (MI's HL7TransportSender.sendUsingEPR): the HL7
 * message under <hl7:message> in the outgoing payload is written as ER7 (a <rawMessage> goes
 * as written, which is how PassThroughInvalidMessages reaches the wire), framed with MLLP on a
 * new connection, and the sender waits for one acknowledgement frame (default 60000 ms, or the
 * endpoint's timeout, or `timeout` in the URI). The acknowledgement comes back as MI's
 * HL7TransportSender builds it: a SOAP 1.1 envelope whose body holds <hl7:message> with HAPI's
 * XML. Errors carry MI's endpoint error codes: 101503 connection refused, 101504 no answer in
 * time, 101500 anything else (a reply that is not HL7, a closed connection).
 */
import net from 'node:net';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { HeaderMap } from '../../../core/headers.js';
import { ErrorCodes } from '../../../core/errors.js';
import { Hl7ParseError, mllpFrame, MllpDecoder, parseEr7, toHl7MessageElement } from '../../../hl7/index.js';
import { er7FromPayload, Hl7PayloadError } from './payload.js';

const DEFAULT_TIMEOUT_MS = 60000;
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface Hl7Target {
  host: string;
  port: number;
  timeoutMs?: number;
}

export function parseHl7Uri(uri: string): Hl7Target {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new BrokerError(ErrorCodes.SENDING_FAILED, `Malformed HL7 URI syntax: ${uri}`);
  }
  const port = Number(url.port);
  if (!url.hostname || !Number.isInteger(port) || port <= 0) throw new BrokerError(ErrorCodes.SENDING_FAILED, `Malformed HL7 URI syntax: ${uri} (expected hl7://host:port)`);
  const t = url.searchParams.get('timeout');
  const timeoutMs = t !== null && /^\d+$/.test(t) ? Number(t) : undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, timeoutMs };
}

/** Sends one framed message and resolves with the first frame that comes back. */
export function exchangeMllp(target: Hl7Target, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const decoder = new MllpDecoder();
    let settled = false;
    const finish = (err: BrokerError | undefined, frame?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(frame!);
    };
    const timer = setTimeout(() => finish(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `A response not received from the target HL7 endpoint hl7://${target.host}:${target.port} within ${timeoutMs} ms`)), timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(mllpFrame(payload)));
    socket.on('data', (chunk) => {
      for (const ev of decoder.push(chunk)) if ('frame' in ev) return finish(undefined, ev.frame);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const refused = e.code === 'ECONNREFUSED' || e.code === 'EHOSTUNREACH' || e.code === 'ENOTFOUND';
      finish(new BrokerError(refused ? ErrorCodes.CONNECTION_FAILED : ErrorCodes.SENDING_FAILED, `Error while sending an HL7 message to hl7://${target.host}:${target.port}: ${e.message}`));
    });
    socket.on('close', () => finish(new BrokerError(ErrorCodes.SENDING_FAILED, `The HL7 endpoint hl7://${target.host}:${target.port} closed the connection without an acknowledgement`)));
  });
}

function replyEnvelope(er7: string): string {
  let parsed;
  try {
    parsed = parseEr7(er7);
  } catch (e) {
    if (e instanceof Hl7ParseError) throw new BrokerError(ErrorCodes.SENDING_FAILED, `Error while processing the response HL7 message: ${e.message}`);
    throw e;
  }
  return `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body>${toHl7MessageElement(parsed)}</soapenv:Body></soapenv:Envelope>`;
}

export function createHl7Sender(): BrokerSender {
  return {
    async send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
      const target = parseHl7Uri(req.uri);
      let er7: string;
      try {
        er7 = er7FromPayload(Buffer.from(req.body).toString('utf8'));
      } catch (e) {
        if (e instanceof Hl7PayloadError) throw new BrokerError(ErrorCodes.SENDING_FAILED, `Error while sending an HL7 message: ${e.message}`);
        throw e;
      }
      const timeoutMs = target.timeoutMs ?? req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const frame = await exchangeMllp(target, Buffer.from(er7, 'utf8'), timeoutMs);
      const body = Buffer.from(replyEnvelope(Buffer.from(frame).toString('utf8')), 'utf8');
      const headers = new HeaderMap();
      return req.expectReply ? { body: new Uint8Array(body), contentType: 'text/xml', headers } : undefined;
    },
  };
}
