/** inbound.hl7.CharSet: the Java charset names MI accepts, as Node encodings. */
import { InboundConfigError } from '../../../inbound/types.js';

export type Hl7Encoding = 'utf8' | 'latin1' | 'ascii';

export function hl7Encoding(name: string | undefined, parameter = 'inbound.hl7.CharSet'): Hl7Encoding {
  const n = (name ?? 'UTF-8').trim().toUpperCase().replace(/_/g, '-');
  if (n === 'UTF-8' || n === 'UTF8') return 'utf8';
  if (n === 'ISO-8859-1' || n === 'LATIN1' || n === 'ISO8859-1') return 'latin1';
  if (n === 'US-ASCII' || n === 'ASCII') return 'ascii';
  throw new InboundConfigError(`${parameter} must be UTF-8, ISO-8859-1 or US-ASCII, not '${name}'`, parameter);
}
