/**
 * `fix://host:port?BeginString=FIX.4.0&SenderCompID=SYNAPSE&TargetCompID=EXEC` address URIs
 * (MI's FIX sender): the query's QuickFIX settings override those of the initiator session
 * file, host and port become SocketConnectHost/SocketConnectPort.
 */
import { BEGIN_STRINGS } from './session-config.js';

export function parseFixUri(uri: string): Record<string, string> {
  const m = /^fix:\/\/([^:/?]+):(\d+)\/?(?:\?(.*))?$/i.exec(uri.trim());
  if (!m) throw new Error(`${uri} is not a fix://host:port?BeginString=…&SenderCompID=…&TargetCompID=… address`);
  const values: Record<string, string> = { SocketConnectHost: m[1]!, SocketConnectPort: m[2]! };
  for (const pair of (m[3] ?? '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    values[k] = decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1));
  }
  for (const k of ['BeginString', 'SenderCompID', 'TargetCompID']) if (!values[k]) throw new Error(`${uri}: ${k} is missing from the fix:// address`);
  if (!BEGIN_STRINGS.includes(values.BeginString!)) throw new Error(`${uri}: BeginString ${values.BeginString} is not one of ${BEGIN_STRINGS.join(', ')}`);
  return values;
}
