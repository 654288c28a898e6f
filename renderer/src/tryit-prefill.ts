/** What Try-it can call in an artifact: an API's resources or a proxy, read from its XML. */

export interface TryItTarget {
  label: string;
  method: string;
  path: string;
  headers: string;
  body: string;
}

export function tryItTargets(xml: string): TryItTarget[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || root.getElementsByTagName('parsererror').length > 0) return [];
  if (root.localName === 'api') {
    const context = (root.getAttribute('context') ?? '').replace(/\/$/, '');
    const version = root.getAttribute('version');
    const versionType = root.getAttribute('version-type');
    const base = version && versionType === 'url' ? `${context}/${version}` : context.replace('{version}', version ?? '');
    const targets: TryItTarget[] = [];
    for (const resource of Array.from(root.children).filter((c) => c.localName === 'resource')) {
      const template = resource.getAttribute('uri-template') ?? resource.getAttribute('url-mapping') ?? '/';
      const suffix = template === '/' ? '' : template.replace(/\/\*$/, '');
      const methods = (resource.getAttribute('methods') ?? 'GET').split(/\s+/).filter(Boolean);
      for (const method of methods) {
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase());
        targets.push({
          label: `${method} ${template}`,
          method: method.toUpperCase(),
          path: `${base}${suffix}` || '/',
          headers: hasBody ? 'Content-Type: application/json\nAccept: application/json' : 'Accept: application/json',
          body: hasBody ? '{\n  \n}' : '',
        });
      }
    }
    return targets;
  }
  if (root.localName === 'proxy') {
    const name = root.getAttribute('name') ?? '';
    return [
      {
        label: `POST /services/${name}`,
        method: 'POST',
        path: `/services/${name}`,
        headers: 'Content-Type: application/xml',
        body: '<request/>',
      },
    ];
  }
  return [];
}

/** "Name: value" lines to a header map; blank and malformed lines are skipped. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** JSON and XML bodies indented for reading; anything else as it is. */
export function prettyBody(body: string, contentType: string | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || /^\s*[[{]/.test(body)) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  if (type.includes('xml') || /^\s*</.test(body)) return indentXml(body);
  return body;
}

function indentXml(xml: string): string {
  const parts = xml.trim().replace(/>\s+</g, '><').match(/<[^>]+>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const pad = () => '  '.repeat(Math.max(depth, 0));
    if (part.startsWith('</')) {
      depth--;
      lines.push(pad() + part);
    } else if (part.startsWith('<') && !/^<[?!]/.test(part) && !part.endsWith('/>')) {
      const text = parts[i + 1];
      const close = parts[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad() + part + text + close); // an element holding only text stays on one line
        i += 2;
      } else {
        lines.push(pad() + part);
        depth++;
      }
    } else {
      lines.push(pad() + part);
    }
  }
  return lines.join('\n');
}
