/**
 * The little of ASN.1 DER the key store readers need: walk TLV nodes, read OIDs, integers and
 * octet strings. A malformed structure throws DerError (the caller names the file).
 */

export class DerError extends Error {}

export interface DerNode {
  /** The identifier octet (0x30 SEQUENCE, 0x04 OCTET STRING, 0xa0 [0] constructed ...). */
  tag: number;
  /** The content octets. */
  value: Buffer;
  /** The whole TLV, header included (what a certificate's DER is). */
  raw: Buffer;
}

/** Reads one TLV at `offset`; returns it and the offset after it. */
export function readNode(buf: Buffer, offset = 0): { node: DerNode; next: number } {
  if (offset + 2 > buf.length) throw new DerError('truncated ASN.1 structure');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte ASN.1 tags are not used by key stores');
  let length = buf[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    // 0x80 is BER's indefinite length (some PKCS#12 writers use it): not supported here.
    if (bytes === 0 || bytes > 4) throw new DerError('unsupported ASN.1 length encoding');
    if (offset + 2 + bytes > buf.length) throw new DerError('truncated ASN.1 length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + buf[offset + 2 + i]!;
    header += bytes;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new DerError('ASN.1 value runs past the end of its container');
  return { node: { tag, value: buf.subarray(offset + header, end), raw: buf.subarray(offset, end) }, next: end };
}

/** The children of a constructed node (SEQUENCE, SET, [n]). */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let at = 0;
  while (at < node.value.length) {
    const { node: child, next } = readNode(node.value, at);
    out.push(child);
    at = next;
  }
  return out;
}

/** Parses a whole buffer as one node. */
export function parseDer(buf: Buffer): DerNode {
  return readNode(buf, 0).node;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

/** Dotted form of an OBJECT IDENTIFIER node. */
export function oid(node: DerNode | undefined): string {
  const n = expectTag(node, 0x06, 'an OBJECT IDENTIFIER');
  const v = n.value;
  if (v.length === 0) throw new DerError('empty OBJECT IDENTIFIER');
  const parts = [Math.floor(v[0]! / 40), v[0]! % 40];
  let acc = 0;
  for (let i = 1; i < v.length; i++) {
    acc = acc * 128 + (v[i]! & 0x7f);
    if (!(v[i]! & 0x80)) {
      parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

/** A small non-negative INTEGER (iteration counts, versions). */
export function smallInt(node: DerNode | undefined): number {
  const n = expectTag(node, 0x02, 'an INTEGER');
  let out = 0;
  for (const b of n.value) out = out * 256 + b;
  return out;
}

export function octets(node: DerNode | undefined): Buffer {
  return expectTag(node, 0x04, 'an OCTET STRING').value;
}

/** A certificate's DER as PEM text. */
export function certificatePem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
}
