/**
 * The data model a FreeMarker payloadFactory template sees, as MI builds it:
 * `payload` (the JSON payload as hashes/sequences, or the XML payload as a
 * node tree: `payload.root.child`, `payload.root["@attr"]`), `args`
 * (`args.arg1`...), `ctx` (default-scope properties), `axis2` (axis2
 * properties), `trp` (transport headers), `vars` (variables).
 */
import type { MessageContext } from '../../../core/context.js';
import { elementChildren } from '../../../xml/dom.js';
import { bodyOf } from '../../../core/message.js';

/** An XML element in the model: children by name, attributes as `@name`, its text when printed. */
export class XmlNode {
  constructor(readonly element: Element) {}
  get(name: string): unknown {
    if (name.startsWith('@')) {
      const v = this.element.getAttribute(name.slice(1));
      return v === null ? undefined : v;
    }
    const kids = elementChildren(this.element).filter((c) => c.localName === name);
    if (kids.length === 0) return undefined;
    return new XmlNodeList(kids.map((k) => new XmlNode(k)));
  }
  text(): string {
    return this.element.textContent ?? '';
  }
  children(): XmlNode[] {
    return elementChildren(this.element).map((c) => new XmlNode(c));
  }
}

/** Child elements of one name: prints as the text of the only one, lists as a sequence. */
export class XmlNodeList {
  constructor(readonly nodes: XmlNode[]) {}
  get(name: string): unknown {
    if (this.nodes.length !== 1) return undefined;
    return this.nodes[0]!.get(name);
  }
  text(): string {
    if (this.nodes.length !== 1) throw new Error(`a sequence of ${this.nodes.length} XML elements cannot be printed as text`);
    return this.nodes[0]!.text();
  }
}

/** The document node: its only child is the payload's root element. */
class XmlDocument {
  constructor(readonly root: Element | undefined) {}
  get(name: string): unknown {
    return this.root && this.root.localName === name ? new XmlNodeList([new XmlNode(this.root)]) : undefined;
  }
}

export type ModelHash = { get(name: string): unknown };

function mapHash(m: Map<string, unknown>): ModelHash {
  return { get: (n) => m.get(n) };
}

export function buildModel(ctx: MessageContext, args: unknown[]): Map<string, unknown> {
  const model = new Map<string, unknown>();
  const kind = ctx.message.payloadKind;
  if (kind === 'json') model.set('payload', ctx.message.json());
  else if (kind === 'xml') model.set('payload', new XmlDocument(elementChildren(bodyOf(ctx.message.envelope()))[0]));
  else if (kind === 'text') model.set('payload', ctx.message.text());
  const argHash = new Map<string, unknown>();
  args.forEach((a, i) => argHash.set(`arg${i + 1}`, a));
  model.set('args', mapHash(argHash));
  model.set('ctx', { get: (n: string) => ctx.getProperty('default', n) });
  model.set('axis2', { get: (n: string) => ctx.getProperty('axis2', n) });
  model.set('trp', { get: (n: string) => ctx.transportHeaders.get(n) });
  model.set('vars', mapHash(ctx.variables));
  return model;
}
