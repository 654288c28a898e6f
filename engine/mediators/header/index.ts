/**
 * header: sets or removes a header.
 * - scope="transport": an HTTP header (transport header map).
 * - scope="default": a SOAP header. Unprefixed names must be one of MI's
 *   WS-Addressing names (To, From, Action, FaultTo, ReplyTo, RelatesTo), which
 *   set message addressing fields rather than header blocks; prefixed names
 *   add (set) or detach (remove) header blocks of that QName. Without a name,
 *   the inline XML children are added as header blocks.
 */
import type { MediatorDefinition, ValueRef } from '../../model/definition.js';
import type { MessageContext } from '../../core/context.js';
import { el, a } from '../../model/descriptor.js';
import { makeStep, resolveValue, valueReadsPayload } from '../support.js';
import { headerOf } from '../../core/message.js';
import { elementChildren } from '../../xml/dom.js';

/** Unprefixed SOAP header names MI accepts: WS-Addressing fields of the message. */
export const ADDRESSING_HEADERS = ['To', 'From', 'Action', 'FaultTo', 'ReplyTo', 'RelatesTo'] as const;
type AddressingHeader = (typeof ADDRESSING_HEADERS)[number];

interface SoapName {
  ns: string;
  local: string;
  prefix: string;
}

export const headerMediator: MediatorDefinition = {
  kind: 'header',
  descriptor: el(
    'header',
    [
      a.str('name', { help: 'Header name: a QName (prefix:local) or a WS-Addressing name for SOAP headers, a plain name for HTTP headers.' }),
      a.str('value'),
      a.expr('expression'),
      a.enum('action', ['set', 'remove'], { default: 'set' }),
      a.enum('scope', ['default', 'transport'], { default: 'default', help: '`default` = SOAP header, `transport` = HTTP header.' }),
      a.description(),
    ],
    'xml',
  ),
  editor: { label: 'Header', group: 'core', help: 'Sets or removes a SOAP header or an HTTP (transport) header.', fieldOrder: ['name', 'action', 'scope', 'value', 'expression'] },
  contentAware: (node) => (node.attrs.scope ?? 'default') === 'default' && !isAddressingName(node.attrs.name),
  compile(node, env, path) {
    const name = node.attrs.name;
    const action = node.attrs.action ?? 'set';
    const scope = node.attrs.scope ?? 'default';
    const inline = (node.raw ?? []).filter((n): n is Element => n.nodeType === 1);
    let value: ValueRef | undefined;
    if (node.attrs.value !== undefined) value = { literal: node.attrs.value };
    else if (node.attrs.expression !== undefined) {
      const e = env.expression(node, 'expression');
      if (e) value = { expression: e };
    }
    if (name === undefined && (scope === 'transport' || inline.length === 0)) {
      env.report('SYN003', 'A valid name attribute is required for the header mediator', node.loc);
    }
    if (action === 'set' && node.attrs.value === undefined && node.attrs.expression === undefined && (name !== undefined || inline.length === 0)) {
      env.report('SYN003', "A 'value' or 'expression' attribute is required for a [set] header mediator", node.loc);
    }
    const readValue = (ctx: MessageContext): string => (value ? resolveValue(value, ctx) : '');

    if (scope === 'transport') {
      return makeStep('header', path, node, valueReadsPayload(value), async (ctx) => {
        if (action === 'remove') ctx.transportHeaders.delete(name ?? '');
        else ctx.transportHeaders.set(name ?? '', readValue(ctx));
        return 'continue';
      });
    }

    if (name !== undefined && isAddressingName(name)) {
      return makeStep('header', path, node, valueReadsPayload(value), async (ctx) => {
        setAddressing(ctx, name, action === 'remove' ? undefined : readValue(ctx));
        return 'continue';
      });
    }

    let qname: SoapName | undefined;
    if (name !== undefined) {
      const colon = name.indexOf(':');
      if (colon < 0) {
        env.report('SYN004', `Invalid SOAP header: ${name} specified at the header mediator. All SOAP headers must be namespace qualified.`, node.attrLocs.name ?? node.loc);
      } else {
        const prefix = name.slice(0, colon);
        const ns = node.namespaces[prefix];
        if (ns === undefined) env.report('SYN004', `Invalid namespace prefix '${prefix}' in name attribute`, node.attrLocs.name ?? node.loc);
        else qname = { ns, local: name.slice(colon + 1), prefix };
      }
    }
    // SOAP header blocks live in the envelope: the message must be built.
    return makeStep('header', path, node, true, async (ctx) => {
      const doc = ctx.message.envelopeForUpdate();
      if (action === 'remove') {
        const header = headerOf(doc, false);
        if (!header) return 'continue';
        const targets = qname ? [qname] : inline.map((e) => ({ ns: e.namespaceURI ?? '', local: e.localName ?? '', prefix: '' }));
        for (const block of elementChildren(header)) {
          if (targets.some((t) => (block.namespaceURI ?? '') === t.ns && block.localName === t.local)) header.removeChild(block);
        }
        return 'continue';
      }
      const header = headerOf(doc, true)!;
      if (qname) {
        const text = readValue(ctx);
        const block = doc.createElementNS(qname.ns, qname.prefix ? `${qname.prefix}:${qname.local}` : qname.local);
        block.appendChild(doc.createTextNode(text));
        header.appendChild(block);
      } else {
        for (const e of inline) header.appendChild(doc.importNode(e, true));
      }
      return 'continue';
    });
  },
};

function isAddressingName(name: string | undefined): name is AddressingHeader {
  return name !== undefined && (ADDRESSING_HEADERS as readonly string[]).includes(name);
}

/** WS-Addressing fields: To and Action live on the context; the others are readable with get-property(name). */
function setAddressing(ctx: MessageContext, name: AddressingHeader, value: string | undefined): void {
  switch (name) {
    case 'To':
      ctx.to = value;
      return;
    case 'Action':
      ctx.soapAction = value;
      return;
    default:
      if (value === undefined) ctx.properties.delete(name);
      else ctx.properties.set(name, value);
  }
}
