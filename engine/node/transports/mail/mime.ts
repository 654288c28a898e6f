/**
 * Enough of MIME (RFC 2045-2047) to turn a received mail into a message: headers (encoded words
 * decoded), the plain and HTML parts, and attachments, through multipart/* nesting, with
 * quoted-printable and base64 transfer encodings and any charset Node's TextDecoder knows.
 */
export interface MailPart {
  contentType: string;
  /** Full Content-Type header (with parameters). */
  contentTypeHeader: string;
  filename?: string;
  content: Buffer;
}

export interface ParsedMail {
  headers: [string, string][];
  header(name: string): string | undefined;
  text?: string;
  html?: string;
  /** The part the text came from (its full content type, e.g. `text/plain; charset=utf-8`). */
  textType?: string;
  attachments: MailPart[];
}

function splitHead(raw: Buffer): { head: string; body: Buffer } {
  const s = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(s);
  if (!m) return { head: s, body: Buffer.alloc(0) };
  return { head: s.slice(0, m.index), body: raw.subarray(m.index + m[0].length) };
}

function parseHeaders(head: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out.push([line.slice(0, i).trim(), decodeWords(Buffer.from(line.slice(i + 1).replace(/\r?\n[ \t]+/g, ' ').trim(), 'latin1').toString('utf8'))]);
  }
  return out;
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 `=?charset?B|Q?...?=` words. */
export function decodeWords(text: string): string {
  return text.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=(\s+(?==\?))?/g, (_m, cs: string, enc: string, data: string) => {
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return decodeCharset(bytes, cs);
  });
}

function param(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
  const v = m ? (m[1] ?? m[2]) : undefined;
  if (v && /^[\w-]+''/.test(v)) {
    const [cs, , enc] = v.split("'");
    return decodeCharset(Buffer.from(decodeURIComponent(enc ?? '').split('').map((c) => c.charCodeAt(0))), cs);
  }
  return v === undefined ? undefined : decodeWords(v);
}

function decodeTransfer(body: Buffer, encoding: string | undefined): Buffer {
  const e = (encoding ?? '7bit').trim().toLowerCase();
  if (e === 'base64') return Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  if (e === 'quoted-printable') {
    const s = body.toString('latin1').replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(s.charCodeAt(i));
    }
    return Buffer.from(bytes);
  }
  return body;
}

export function parseMail(raw: Buffer): ParsedMail {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const mail: ParsedMail = { headers, header: (n) => headers.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1], attachments: [] };
  walk(headers, body, mail);
  return mail;
}

function walk(headers: [string, string][], body: Buffer, mail: ParsedMail): void {
  const get = (n: string) => headers.find(([k]) => k.toLowerCase() === n)?.[1];
  const ctHeader = get('content-type') ?? 'text/plain; charset=us-ascii';
  const ct = ctHeader.split(';')[0]!.trim().toLowerCase();
  if (ct.startsWith('multipart/')) {
    const boundary = param(ctHeader, 'boundary');
    if (!boundary) return;
    const s = body.toString('latin1');
    const marker = `--${boundary}`;
    const pieces = s.split(new RegExp(`\\r?\\n?${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const piece of pieces.slice(1)) {
      if (piece.trim() === '') continue;
      const part = splitHead(Buffer.from(piece, 'latin1'));
      walk(parseHeaders(part.head), part.body, mail);
    }
    return;
  }
  const disposition = get('content-disposition') ?? '';
  const filename = param(disposition, 'filename') ?? param(ctHeader, 'name');
  const content = decodeTransfer(body, get('content-transfer-encoding'));
  const isAttachment = /^\s*attachment/i.test(disposition) || (filename !== undefined && !ct.startsWith('text/'));
  if (!isAttachment && ct === 'text/plain' && mail.text === undefined) {
    mail.text = decodeCharset(content, param(ctHeader, 'charset'));
    mail.textType = ctHeader;
  } else if (!isAttachment && ct === 'text/html' && mail.html === undefined) mail.html = decodeCharset(content, param(ctHeader, 'charset'));
  else mail.attachments.push({ contentType: ct, contentTypeHeader: ctHeader, filename, content });
}
