/**
 * `udp://host:port` address endpoints: the formatted message goes out as one datagram from a
 * socket of its own. Unless OUT_ONLY, the flow waits for one datagram back on that socket (the
 * reply, content type from the `contentType` URL parameter or that of the message sent) and fails
 * with 101504 when none comes within the endpoint's timeout (default 30 s).
 */
import dgram from 'node:dgram';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import { HeaderMap } from '../../../core/headers.js';
import { socketAddress } from '../tcp/sender.js';

const DEFAULT_TIMEOUT_MS = 30000;
const MAX_DATAGRAM = 65507;

export function createUdpSender(): BrokerSender {
  return {
    send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
      const { host, port, params } = socketAddress(req.uri, 'udp');
      if (req.body.length > MAX_DATAGRAM) return Promise.reject(new BrokerError(ErrorCodes.SENDING_FAILED, `the message is ${req.body.length} bytes; a UDP datagram holds at most ${MAX_DATAGRAM}`));
      const replyType = params.get('contentType') ?? req.contentType;
      const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return new Promise((resolve, reject) => {
        const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
        let settled = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const settle = (outcome: BrokerReply | undefined | BrokerError) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.close();
          if (outcome instanceof BrokerError) reject(outcome);
          else resolve(outcome);
        };
        socket.on('error', (e) => settle(new BrokerError(ErrorCodes.SND_IO_ERROR, `${host}:${port}: ${e.message}`)));
        socket.on('message', (datagram) => settle({ body: new Uint8Array(datagram), contentType: replyType, headers: new HeaderMap() }));
        socket.send(req.body, port, host, (e) => {
          if (e) return settle(new BrokerError(ErrorCodes.SND_IO_ERROR, `${host}:${port}: ${e.message}`));
          if (!req.expectReply) return settle(undefined);
          timer = setTimeout(() => settle(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `no reply datagram from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
        });
      });
    },
  };
}
