/**
 * A UDP proxy's listener settings, as MI reads its service parameters: transport.udp.port
 * (required), transport.udp.contentType (default text/xml), transport.udp.maxPacketSize (default
 * 1024 bytes, MI's). One datagram is one message.
 */
export interface UdpListenerSettings {
  port: number;
  host?: string;
  contentType: string;
  maxPacketSize: number;
}

export const DEFAULT_MAX_PACKET_SIZE = 1024;
/** The largest UDP payload over IPv4. */
const MAX_DATAGRAM = 65507;

export function readUdpSettings(params: Record<string, string | undefined>): UdpListenerSettings {
  const get = (name: string) => {
    const v = params[`transport.udp.${name}`]?.trim();
    return v === '' ? undefined : v;
  };
  const rawPort = get('port');
  if (rawPort === undefined) throw new Error('transport.udp.port: a UDP proxy needs the port to listen on');
  return {
    port: integer('transport.udp.port', rawPort, 0, 65535),
    host: get('hostname'),
    contentType: get('contentType') ?? 'text/xml',
    maxPacketSize: get('maxPacketSize') === undefined ? DEFAULT_MAX_PACKET_SIZE : integer('transport.udp.maxPacketSize', get('maxPacketSize')!, 1, MAX_DATAGRAM),
  };
}

function integer(parameter: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${parameter}: '${value}' is not a whole number from ${min} to ${max}`);
  return n;
}
