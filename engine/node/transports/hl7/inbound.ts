/**
 * The HL7 inbound endpoint (protocol="hl7"): an MLLP listener on inbound.hl7.Port, behaving as
 * MI's InboundHL7Listener / MLLPSourceHandler / HL7Processor do.
 *
 * Per frame: decode with inbound.hl7.CharSet, parse the ER7 (validated with ValidateMessage),
 * build MI's payload (a SOAP 1.1 envelope whose body is <hl7:message> with HAPI's XML, or
 * <rawMessage> with BuildInvalidMessages when XML cannot carry it) and inject it into the
 * endpoint's sequence with onError as fault handler.
 * - AutoAck (default): the ACK (MSA-1 AA) goes out once the message is handed to mediation;
 *   what the flow answers is not sent. A frame that does not parse (or fails validation) gets
 *   MI's default NACK (MSA-1 AR) and nothing is injected; a parsed message that cannot be
 *   injected (XML encoding failed without BuildInvalidMessages, the sequence is not deployed)
 *   gets a NACK with MSA-1 AE.
 * - AutoAck=false: the flow's answer is the acknowledgement: HL7_RESULT_MODE=NACK (with
 *   HL7_NACK_MESSAGE) -> NACK AE; HL7_APPLICATION_ACK=true -> the ACK generated from the request;
 *   otherwise the HL7 message in the response payload. No answer within inbound.hl7.TimeOut ms
 *   -> NACK AE "Timed out while waiting for HL7 Response to be generated." (a later answer is
 *   dropped with a warning). A frame that does not parse is injected into the onError sequence
 *   with ERROR_CODE 101000 (RCV_IO_ERROR_RECEIVING) and ERROR_MESSAGE.
 * Messages on one connection are answered in the order they arrived. A bad frame costs only
 * itself: the connection and the listener go on.
 */
import net from 'node:net';
import type { Engine } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { HeaderMap } from '../../../core/headers.js';
import type { InboundContext, InboundProtocol } from '../../../inbound/types.js';
import { InboundConfigError } from '../../../inbound/types.js';
import { hl7InboundDescriptor } from '../../../inbound/hl7/descriptor.js';
import { ackText, defaultNack, generateAck, Hl7ParseError, Hl7XmlEncodeError, mllpFrame, MllpDecoder, parseEr7, rawMessageElement, toHl7MessageElement, type Hl7Message } from '../../../hl7/index.js';
import { hl7Encoding, type Hl7Encoding } from './charset.js';
import { er7FromPayload, Hl7PayloadError } from './payload.js';
import { validateHl7 } from './validate.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const RCV_IO_ERROR_RECEIVING = 101000;

interface Hl7Settings {
  port: number;
  autoAck: boolean;
  timeoutMs: number;
  encoding: Hl7Encoding;
  validate: boolean;
  buildInvalid: boolean;
  passThroughInvalid: boolean;
}

function settingsOf(ctx: InboundContext): Hl7Settings {
  const rawPort = ctx.requireParam('inbound.hl7.Port');
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InboundConfigError(`inbound.hl7.Port must be a port number, not '${rawPort}'`, 'inbound.hl7.Port');
  const rawTimeout = ctx.param('inbound.hl7.TimeOut') ?? '10000';
  const timeoutMs = Number(rawTimeout);
  if (!Number.isInteger(timeoutMs)) throw new InboundConfigError(`inbound.hl7.TimeOut must be a whole number of milliseconds, not '${rawTimeout}'`, 'inbound.hl7.TimeOut');
  const pre = ctx.param('inbound.hl7.MessagePreProcessor');
  if (pre) throw new InboundConfigError(`inbound.hl7.MessagePreProcessor names the Java class ${pre}, which cannot run here; remove the parameter or pre-process the message in the sequence`, 'inbound.hl7.MessagePreProcessor');
  return {
    port: port + ctx.portOffset,
    // MI: only the literal "false" turns auto-ack off (HL7Processor).
    autoAck: ctx.param('inbound.hl7.AutoAck') !== 'false',
    timeoutMs,
    encoding: hl7Encoding(ctx.param('inbound.hl7.CharSet')),
    validate: ctx.param('inbound.hl7.ValidateMessage') !== 'false',
    buildInvalid: ctx.param('inbound.hl7.BuildInvalidMessages') === 'true',
    passThroughInvalid: ctx.param('inbound.hl7.PassThroughInvalidMessages') === 'true',
  };
}

function envelope(bodyXml: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}

async function bodyText(res: EngineResponse): Promise<string> {
  const bytes = res.body instanceof Uint8Array ? res.body : await res.body.read();
  return Buffer.from(bytes).toString('utf8');
}

interface Parsed {
  message?: Hl7Message;
  text: string;
  error?: string;
}

export interface Hl7InboundOptions {
  engine: Engine;
  host?: string;
}

export function hl7InboundProtocol(options: Hl7InboundOptions): InboundProtocol {
  return {
    descriptor: hl7InboundDescriptor,
    create(ctx) {
      let server: net.Server | undefined;
      const sockets = new Set<net.Socket>();
      const inFlight = new Set<Promise<unknown>>();
      const log = (level: 'info' | 'warn' | 'error', msg: string) => ctx.logger.log(level, msg, { component: 'HL7Listener', inbound: ctx.name });

      function track<T>(p: Promise<T>): Promise<T> {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p)).catch(() => undefined);
        return p;
      }

      function parse(frame: Uint8Array, s: Hl7Settings): Parsed {
        const text = Buffer.from(frame).toString(s.encoding);
        try {
          const message = parseEr7(text);
          if (s.validate) validateHl7(message);
          return { message, text };
        } catch (e) {
          if (!(e instanceof Hl7ParseError)) throw e;
          return { text, error: e.message };
        }
      }

      function inject(bodyXml: string, extra: Record<string, unknown>, target: { sequence?: string }): Promise<EngineResponse> {
        const headers = new HeaderMap();
        headers.set('Content-Type', 'text/xml');
        const bytes = Buffer.from(envelope(bodyXml), 'utf8');
        return track(ctx.inject({ method: 'POST', url: '/', headers, body: { length: bytes.length, read: async () => bytes }, properties: { ...extra } }, target));
      }

      function sequenceDeployed(name: string | undefined): boolean {
        return name !== undefined && options.engine.deployment.get('sequence', name) !== undefined;
      }

      /** MI's payload for a parsed message, or the reason it cannot be built. */
      function payloadOf(p: Parsed & { message: Hl7Message }, s: Hl7Settings): { xml: string; valid: boolean } | { error: string } {
        try {
          return { xml: toHl7MessageElement(p.message), valid: true };
        } catch (e) {
          if (!(e instanceof Hl7XmlEncodeError)) throw e;
          if (s.buildInvalid) return { xml: rawMessageElement(p.text), valid: false };
          log('error', `Could not encode HL7 message into XML (${e.message}). Set inbound.hl7.BuildInvalidMessages to build invalid HL7 messages containing raw HL7 message.`);
          return { error: 'Could not encode HL7 message into XML' };
        }
      }

      async function answerFromFlow(res: EngineResponse, request: Hl7Message | undefined): Promise<Hl7Message | string> {
        const mode = res.property?.('HL7_RESULT_MODE');
        if (mode === 'NACK') {
          const text = String(res.property?.('HL7_NACK_MESSAGE') ?? '');
          return request ? generateAck(request, 'AE', { errorText: text }) : defaultNack(text);
        }
        const appAck = res.property?.('HL7_APPLICATION_ACK');
        if ((appAck === 'true' || appAck === true) && request) return generateAck(request, 'AA');
        try {
          return er7FromPayload(await bodyText(res));
        } catch (e) {
          if (!(e instanceof Hl7PayloadError)) throw e;
          log('error', e.message);
          const text = 'Error while generating HL7 response. Not in required format.';
          return request ? generateAck(request, 'AE', { errorText: text }) : defaultNack(text);
        }
      }

      /** Mediation answers the client (AutoAck=false): the flow's answer, or a NACK after the time-out. */
      async function awaitFlowAnswer(flow: Promise<EngineResponse>, request: Hl7Message | undefined, s: Hl7Settings): Promise<Hl7Message | string> {
        const timedOut = (): Hl7Message => {
          log('warn', 'Timed out while waiting for HL7 Response to be generated.');
          const text = 'Timed out while waiting for HL7 Response to be generated.';
          return request ? generateAck(request, 'AE', { errorText: text }) : defaultNack(text);
        };
        let timer: NodeJS.Timeout | undefined;
        const answered = flow.then((res) => (res.property ? answerFromFlow(res, request) : undefined));
        const timeout = new Promise<'timeout'>((resolve) => {
          if (s.timeoutMs > 0) timer = setTimeout(() => resolve('timeout'), s.timeoutMs);
        });
        // A flow that ends without answering leaves the client waiting for the time-out, as in MI.
        const first = await Promise.race([answered.then((a) => a ?? timeout), timeout]);
        clearTimeout(timer);
        if (first === 'timeout') {
          void answered.then((late) => {
            if (late !== undefined) log('warn', 'Response ID does not match request ID. Response may have been received after timeout.');
          });
          return timedOut();
        }
        return first;
      }

      /** Handles one frame and resolves with what to write back. */
      async function handle(frame: Uint8Array, s: Hl7Settings): Promise<Hl7Message | string> {
        const p = parse(frame, s);
        if (!p.message) {
          log('warn', `HL7 message refused: ${p.error}`);
          if (s.autoAck) return defaultNack(p.error ?? '');
          const onError = ctx.config.common.onError ?? 'fault';
          if (!sequenceDeployed(onError)) {
            log('error', `Could not find inbound error sequence '${onError}'.`);
            return defaultNack('Could not find inbound error sequence.');
          }
          const body = s.buildInvalid ? rawMessageElement(p.text) : '';
          const flow = inject(body, { ERROR_CODE: RCV_IO_ERROR_RECEIVING, ERROR_MESSAGE: p.error }, { sequence: onError });
          return awaitFlowAnswer(flow, undefined, s);
        }
        const request = p.message;
        const payload = payloadOf({ ...p, message: request }, s);
        if ('error' in payload) return generateAck(request, 'AE', { errorText: payload.error });
        const sequence = ctx.config.common.sequence;
        if (!sequenceDeployed(sequence)) {
          log('error', `Could not find inbound sequence '${sequence ?? ''}'.`);
          return generateAck(request, 'AE', { errorText: 'Could not find inbound sequence.' });
        }
        const props: Record<string, unknown> = { HL7_VALIDATION_PASSED: payload.valid };
        if (!payload.valid && s.passThroughInvalid) props['HL7_RAW_MESSAGE'] = p.text;
        const flow = inject(payload.xml, props, {});
        if (s.autoAck) {
          void flow.catch(() => undefined);
          return generateAck(request, 'AA');
        }
        return awaitFlowAnswer(flow, request, s);
      }

      function serve(socket: net.Socket, s: Hl7Settings): void {
        sockets.add(socket);
        socket.setNoDelay(true);
        const decoder = new MllpDecoder();
        // Answers go out in arrival order even when a later message is answered first.
        let queue: Promise<void> = Promise.resolve();
        const reply = (answer: Promise<Hl7Message | string>) => {
          queue = queue.then(async () => {
            const a = await answer.catch((e: unknown): Hl7Message => {
              log('error', `HL7 message failed: ${e instanceof Error ? e.message : String(e)}`);
              return defaultNack('Internal error');
            });
            if (socket.destroyed) return;
            socket.write(mllpFrame(Buffer.from(typeof a === 'string' ? a : ackText(a), s.encoding)));
          });
        };
        socket.on('data', (chunk) => {
          for (const ev of decoder.push(chunk)) {
            if ('frame' in ev) reply(handle(ev.frame, s));
            else {
              log('warn', `MLLP framing error from ${socket.remoteAddress ?? 'client'}: ${ev.error}`);
              reply(Promise.resolve(defaultNack(ev.error)));
            }
          }
        });
        socket.on('end', () => {
          for (const ev of decoder.end()) if ('error' in ev) log('warn', `MLLP framing error from ${socket.remoteAddress ?? 'client'}: ${ev.error}`);
          void queue.then(() => socket.end());
        });
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      }

      return {
        // Try-it: an MLLP client sends one frame in the endpoint's charset and shows the ACK.
        socket: { protocol: 'hl7', options: { charset: ctx.param('inbound.hl7.CharSet') ?? 'UTF-8' } },
        async start() {
          const s = settingsOf(ctx);
          const srv = net.createServer((socket) => serve(socket, s));
          await new Promise<void>((resolve, reject) => {
            srv.once('error', (e: NodeJS.ErrnoException) => {
              if (e.code === 'EADDRINUSE') reject(new InboundConfigError(`port ${s.port} is already in use by another application or endpoint`, 'inbound.hl7.Port'));
              else if (e.code === 'EACCES') reject(new InboundConfigError(`port ${s.port} needs privileges this process does not have`, 'inbound.hl7.Port'));
              else reject(e);
            });
            srv.listen(s.port, options.host, () => resolve());
          });
          srv.on('error', (e) => log('error', `HL7 listener error: ${e.message}`));
          server = srv;
          const address = srv.address();
          const port = typeof address === 'object' && address ? address.port : s.port;
          ctx.setState('listening', { port });
          log('info', `HL7 inbound endpoint ${ctx.name} listening on port ${port}`);
        },
        async stop() {
          const srv = server;
          server = undefined;
          if (!srv) return;
          await new Promise<void>((resolve) => srv.close(() => resolve()));
          await Promise.allSettled([...inFlight]);
          for (const sock of sockets) sock.destroy();
        },
      };
    },
  };
}
