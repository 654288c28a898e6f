import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/**
 * Parses a small descriptor (pom.xml, artifact.xml, registry-info.xml). Returns the
 * document element, or an error message; never throws. Warnings are ignored, errors fail.
 */
export function parseDescriptor(text: string): { root: Element } | { error: string } {
  let firstError: string | undefined;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning' && firstError === undefined) firstError = message;
      },
    });
    const doc: Document = parser.parseFromString(text, 'text/xml');
    if (firstError !== undefined) return { error: firstError };
    const root = doc.documentElement;
    if (!root) return { error: 'no root element' };
    return { root };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export function childElements(parent: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (localName === undefined || el.localName === localName) out.push(el);
    }
  }
  return out;
}

export function firstChild(parent: Element, localName: string): Element | undefined {
  return childElements(parent, localName)[0];
}

/** Trimmed text of the first child element with that local name. */
export function childText(parent: Element, localName: string): string | undefined {
  const el = firstChild(parent, localName);
  return el ? (el.textContent ?? '').trim() : undefined;
}

export function attr(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? el.getAttribute(name) ?? undefined : undefined;
}

/** Escapes text for use inside XML attribute values and element content. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
