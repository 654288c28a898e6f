/**
 * makefault: replaces the message with a SOAP 1.1, SOAP 1.2 or POX fault.
 * It does not send it: as in MI, the message is marked as a response
 * (unless response="false") so that a following <send/> or <respond/>
 * returns it to the client, with HTTP status 500 (unless the axis2 property
 * FAULTS_AS_HTTP_200 is true, or HTTP_SC is set after the fault is made).
 */
import type { MediatorDefinition, CompileEnv, ValueRef } from '../../model/definition.js';
import type { MessageContext } from '../../core/context.js';
import type { CompiledExpression } from '../../expr/types.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { bodyOf } from '../../core/message.js';
import { SOAP11_NS, SOAP12_NS, elementChildren } from '../../xml/dom.js';
import { makeStep, resolveValue } from '../support.js';
import { soapFaultEnvelope, poxFaultElement, type FaultParts } from './build.js';

const valueOrExpression = [a.str('value'), a.expr('expression')];
const SOAP11_CODES = ['VersionMismatch', 'MustUnderstand', 'Client', 'Server'];
const SOAP12_CODES = ['VersionMismatch', 'MustUnderstand', 'DataEncodingUnknown', 'Sender', 'Receiver'];

export const makefaultMediator: MediatorDefinition = {
  kind: 'makefault',
  descriptor: el(
    'makefault',
    [
      a.enum('version', ['soap11', 'soap12', 'pox'], { default: 'soap11', help: 'Kind of fault to create (MI defaults to soap11 when absent).' }),
      a.bool('response', { help: 'Mark the fault as a response (default true), so that send/respond returns it to the client.' }),
      a.description(),
    ],
    'elements',
    [
      child(el('code', valueOrExpression, 'empty')),
      child(el('reason', valueOrExpression, 'empty')),
      child(el('node', [], 'text')),
      child(el('role', [], 'text')),
      child(el('detail', [a.expr('expression')], 'xml')),
    ],
  ),
  editor: { label: 'Fault', group: 'transformation', help: 'Turns the message into a SOAP 1.1, SOAP 1.2 or POX fault.', fieldOrder: ['version', 'response'] },
  contentAware: () => true,
  compile(node, env, path) {
    const version = (node.attrs.version ?? 'soap11') as 'soap11' | 'soap12' | 'pox';
    const markAsResponse = (node.attrs.response ?? 'true').trim().toLowerCase() !== 'false';
    const codeNode = childNamed(node, 'code');
    const reasonNode = childNamed(node, 'reason');
    if (version !== 'pox' && !codeNode) env.report('SYN006', 'The fault code is a required attribute for the makefault mediator unless it is a pox fault', node.loc);
    if (version !== 'pox' && !reasonNode) env.report('SYN006', 'The fault reason is a required attribute for the makefault mediator unless it is a pox fault', node.loc);
    const code = codeNode ? compileCode(codeNode, version, env) : undefined;
    const reason = reasonNode ? valueOf(reasonNode, env) : undefined;
    const faultNode = version !== 'soap11' ? textOf(childNamed(node, 'node')) : undefined;
    const role = textOf(childNamed(node, 'role'));
    const detail = compileDetail(childNamed(node, 'detail'), env);

    return makeStep('makefault', path, node, true, async (ctx) => {
      if (version === 'pox') {
        const text = detail ? detailText(detail, ctx) : reason ? resolveValue(reason, ctx) : '';
        const doc = ctx.message.envelopeForUpdate();
        const body = bodyOf(doc);
        const first = elementChildren(body)[0];
        if (first) body.removeChild(first);
        body.appendChild(poxFaultElement(doc, text));
      } else {
        const soapVersion = version === 'soap12' ? '1.2' : '1.1';
        const envNs = soapVersion === '1.2' ? SOAP12_NS : SOAP11_NS;
        const parts: FaultParts = {
          code: code ? resolveCode(code, ctx, envNs) : { prefix: 'soapenv', ns: envNs, local: soapVersion === '1.2' ? 'Receiver' : 'Server' },
          reason: reason ? resolveValue(reason, ctx) : '',
          node: faultNode,
          role,
          detail: detail ? detailValue(detail, ctx) : undefined,
        };
        const original = ctx.message.payloadKind === 'empty' ? undefined : ctx.message.envelope();
        ctx.message.setEnvelope(soapFaultEnvelope(soapVersion, parts, original));
      }
      if (markAsResponse) {
        ctx.isResponse = true;
        ctx.to = undefined;
      }
      const as200 = ctx.axis2.get('FAULTS_AS_HTTP_200');
      if (!(as200 === true || String(as200).toLowerCase() === 'true')) ctx.axis2.set('HTTP_SC', 500);
      return 'continue';
    });
  },
};

type CodeSpec = { fixed: { prefix: string; ns: string; local: string } } | { expression: CompiledExpression };
type DetailSpec = { text: string } | { nodes: readonly Element[] } | { expression: CompiledExpression };

function compileCode(codeNode: ConfigNode, version: string, env: CompileEnv): CodeSpec | undefined {
  const value = codeNode.attrs.value;
  if (value === undefined) {
    if (codeNode.attrs.expression === undefined) {
      env.report('SYN003', "A 'value' or 'expression' attribute must specify the fault code", codeNode.loc);
      return undefined;
    }
    const e = env.expression(codeNode, 'expression');
    return e ? { expression: e } : undefined;
  }
  const at = codeNode.attrLocs.value ?? codeNode.loc;
  const colon = value.indexOf(':');
  if (colon < 0) {
    env.report('SYN004', 'A QName is expected for fault code as prefix:name', at);
    return undefined;
  }
  const prefix = value.slice(0, colon);
  const local = value.slice(colon + 1);
  const ns = codeNode.namespaces[prefix];
  if (ns === undefined) {
    env.report('SYN004', `Invalid namespace prefix '${prefix}' in code attribute`, at);
    return undefined;
  }
  if (version === 'soap11' || version === 'soap12') {
    const [wantNs, codes] = version === 'soap11' ? [SOAP11_NS, SOAP11_CODES] : [SOAP12_NS, SOAP12_CODES];
    if (ns !== wantNs) env.report('SYN004', `Invalid namespace in fault code for ${version} version. Namespace should be corrected as ${wantNs}.`, at);
    else if (!codes.includes(local)) env.report('SYN004', `Invalid code value for ${version} version. Code value has to be one of the following : ${codes.join(', ')}`, at);
  }
  return { fixed: { prefix, ns, local } };
}

function resolveCode(code: CodeSpec, ctx: MessageContext, envNs: string): FaultParts['code'] {
  if ('fixed' in code) return code.fixed;
  // MI: the expression's text is the local name, in the envelope's namespace.
  const text = code.expression.evaluateString(ctx).trim();
  const local = text.includes(':') ? text.slice(text.indexOf(':') + 1) : text;
  return { prefix: 'soapenv', ns: envNs, local };
}

function valueOf(n: ConfigNode, env: CompileEnv): ValueRef | undefined {
  if (n.attrs.value !== undefined) return { literal: n.attrs.value };
  if (n.attrs.expression !== undefined) {
    const e = env.expression(n, 'expression');
    return e ? { expression: e } : undefined;
  }
  env.report('SYN003', `<${n.element}> needs a 'value' or an 'expression' attribute`, n.loc);
  return undefined;
}

function textOf(n: ConfigNode | undefined): string | undefined {
  const t = n?.text?.trim();
  return t ? t : undefined;
}

function compileDetail(n: ConfigNode | undefined, env: CompileEnv): DetailSpec | undefined {
  if (!n) return undefined;
  if (n.attrs.expression !== undefined) {
    const e = env.expression(n, 'expression');
    return e ? { expression: e } : undefined;
  }
  const elements = (n.raw ?? []).filter((c): c is Element => c.nodeType === 1);
  if (elements.length) return { nodes: elements };
  return { text: (n.raw ?? []).map((c) => c.nodeValue ?? '').join('') };
}

/** Detail content: element nodes from the expression are copied, anything else is text. */
function detailValue(d: DetailSpec, ctx: MessageContext): string | readonly Node[] {
  if ('text' in d) return d.text;
  if ('nodes' in d) return d.nodes;
  const r = evaluateSafely(d.expression, ctx);
  if (Array.isArray(r) && r.length > 0 && r.every((x) => x && typeof x === 'object' && typeof (x as Node).nodeType === 'number')) return r as Node[];
  return d.expression.evaluateString(ctx);
}

function detailText(d: DetailSpec, ctx: MessageContext): string {
  if ('text' in d) return d.text;
  if ('nodes' in d) return d.nodes.map((n) => n.textContent ?? '').join('');
  return d.expression.evaluateString(ctx);
}

function evaluateSafely(e: CompiledExpression, ctx: MessageContext): unknown {
  try {
    return e.evaluate(ctx);
  } catch (err) {
    throw err instanceof MediationFault ? err : new MediationFault(ErrorCodes.GENERIC, `Evaluation of the fault detail expression ${e.source} failed: ${(err as Error).message}`);
  }
}
