/**
 * The UDP Try-it client: the payload is one datagram, sent from a socket of its own; the reply is
 * the first datagram that comes back to it (a UDP proxy answers the sender's address and port).
 */
import dgram from 'node:dgram';
import type { SocketExchange, SocketProtocolClient, SocketTarget } from './client.js';

function exchange(target: SocketTarget, payload: Uint8Array): Promise<SocketExchange> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
    let done = false;
    const finish = (result: SocketExchange | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => finish({ reply: new Uint8Array(), noReply: true }), target.timeoutMs);
    socket.on('message', (datagram) => finish({ reply: datagram }));
    socket.on('error', (e) => finish(new Error(`UDP: ${e.message}`)));
    socket.send(payload, target.port, target.host, (e) => {
      if (e) finish(new Error(`UDP: ${e.message}`));
    });
  });
}

const udpClient: SocketProtocolClient = { exchange };
export default udpClient;
