/**
 * Splitting a payload into the messages iterate sends: XPath results become
 * the body (or are attached under `attachPath` in a copy of the payload with
 * the split elements removed); JSONPath results become the JSON payload.
 */
import type { MessageContext } from '../../core/context.js';
import { Message, bodyOf } from '../../core/message.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import type { CompiledExpression } from '../../expr/types.js';
import { newDocument } from '../../xml/dom.js';

export interface SplitOptions {
  expression: CompiledExpression;
  preservePayload: boolean;
  attachPath?: CompiledExpression;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).nodeType === 'number';
}

function copyDocument(doc: Document): Document {
  const copy = newDocument();
  copy.appendChild(copy.importNode(doc.documentElement!, true));
  return copy;
}

function xmlMessage(template: Message, doc: Document): Message {
  const m = Message.empty();
  m.soapVersion = template.soapVersion;
  m.setEnvelope(doc);
  m.contentType = template.payloadKind === 'json' ? 'application/xml' : template.contentType;
  return m;
}

/** The messages of one split, in document order. */
export function splitMessages(ctx: MessageContext, opts: SplitOptions): Message[] {
  if (opts.expression.language !== 'xpath') return splitJson(ctx, opts);
  // Evaluate on a scratch copy so the parent message stays untouched (continueParent).
  const scratch = ctx.fork(ctx.message.clone());
  const raw = opts.expression.evaluate(scratch);
  const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  for (const n of items) {
    if (!isNode(n)) throw new MediationFault(ErrorCodes.GENERIC, `Error splitting message with XPath : ${opts.expression.source} - result not an OMNode`);
  }
  const nodes = items as Node[];
  const doc = scratch.message.envelopeForUpdate();
  for (const n of nodes) n.parentNode?.removeChild(n);
  if (!opts.preservePayload) {
    const body = bodyOf(doc);
    while (body.firstChild) body.removeChild(body.firstChild);
  }
  return nodes.map((node) => {
    const copy = copyDocument(doc);
    const imported = copy.importNode(node, true);
    if (opts.preservePayload && opts.attachPath) {
      const probe = ctx.fork(xmlMessage(ctx.message, copy));
      const at = opts.attachPath.evaluate(probe);
      const target = Array.isArray(at) ? at[0] : at;
      if (!isNode(target) || target.nodeType !== 1) {
        throw new MediationFault(ErrorCodes.GENERIC, `Error in attaching the splitted elements :: Unable to get the attach path specified by the expression ${opts.attachPath.source}`);
      }
      const doc2 = probe.message.envelopeForUpdate();
      (target as Element).appendChild(doc2.importNode(node, true));
      return probe.message;
    }
    bodyOf(copy).appendChild(imported);
    return xmlMessage(ctx.message, copy);
  });
}

function splitJson(ctx: MessageContext, opts: SplitOptions): Message[] {
  const raw = opts.expression.evaluate(ctx);
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return items.map((item) => {
    const m = Message.fromJson(structuredClone(item));
    m.contentType = ctx.message.contentType ?? 'application/json';
    if (!opts.preservePayload) return m;
    const whole = structuredClone(ctx.message.json());
    const probe = ctx.fork(Message.fromJson(whole));
    const at = opts.attachPath?.evaluate(probe);
    if (Array.isArray(at)) {
      at.length = 0;
      at.push(structuredClone(item));
      probe.message.setJson(whole);
      return probe.message;
    }
    return m;
  });
}
