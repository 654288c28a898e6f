/**
 * Canonical form for comparing two configurations by meaning: namespace
 * prefixes resolved, attributes sorted, comments and indentation dropped.
 */
export function canonicalXml(node: Node): string {
  if (node.nodeType === 9) return canonicalXml((node as Document).documentElement!);
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  const name = `{${el.namespaceURI ?? ''}}${el.localName}`;
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attrs.push(`{${a.namespaceURI ?? ''}}${a.localName}=${JSON.stringify(a.value)}`);
  }
  attrs.sort();
  const kids: string[] = [];
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) kids.push(canonicalXml(n));
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  }
  const t = text.trim() === '' ? '' : JSON.stringify(text.trim());
  return `<${name}${attrs.length ? ' ' + attrs.join(' ') : ''}>${t}${kids.join('')}</${name}>`;
}
