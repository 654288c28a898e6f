/**
 * log: writes a line like MI's LogMediator, so users' grep habits keep working:
 *   simple  -> To: <to>, MessageID: <id>, Direction: request|response
 *   headers -> simple + each transport header as `name = value`
 *   full    -> simple + Payload/Envelope
 *   custom  -> only the properties (and the 4.4 <message> template)
 * Properties are appended as `name = value`, joined by `separator` (default ", ").
 */
import type { MediatorDefinition, ValueRef, CompiledTemplateText } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import type { LogLevel } from '../../core/logger.js';
import { serializeXml } from '../../xml/dom.js';
import { makeStep, resolveValue, valueReadsPayload } from '../support.js';

const propertyDesc = el('property', [a.str('name', { required: true }), a.str('value'), a.expr('expression')], 'xml', undefined, { oneOf: [['value', 'expression']] });
const messageDesc = el('message', [], 'text');

const CATEGORY_TO_LEVEL: Record<string, LogLevel> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', FATAL: 'fatal' };

export const logMediator: MediatorDefinition = {
  kind: 'log',
  descriptor: el(
    'log',
    [
      a.enum('level', ['simple', 'headers', 'full', 'custom'], { default: 'simple', help: 'How much of the message to log.' }),
      a.enum('category', ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'], { default: 'INFO' }),
      a.str('separator', { default: ', ' }),
      a.bool('logMessageID'),
      a.bool('logFullPayload'),
      a.description(),
    ],
    'elements',
    [child(messageDesc), child(propertyDesc, { multiple: true })],
  ),
  editor: { label: 'Log', group: 'core', help: 'Logs the message (simple, headers, full) or chosen properties (custom).', fieldOrder: ['level', 'category', 'separator'] },
  contentAware(node) {
    return node.attrs.level === 'full' || node.attrs.logFullPayload === 'true';
  },
  compile(node, env, path) {
    const level = node.attrs.level ?? 'simple';
    const category = CATEGORY_TO_LEVEL[node.attrs.category ?? 'INFO'] ?? 'info';
    const separator = node.attrs.separator ?? ', ';
    const props: { name: string; value: ValueRef }[] = [];
    for (const p of childrenNamed(node, 'property')) {
      const name = p.attrs.name ?? '';
      let value: ValueRef | undefined;
      if (p.attrs.expression !== undefined) {
        const e = env.expression(p, 'expression');
        if (e) value = { expression: e };
      } else value = { literal: p.attrs.value ?? '' };
      if (value) props.push({ name, value });
    }
    const messageNode = childNamed(node, 'message');
    const message: CompiledTemplateText | undefined = messageNode ? env.inlineTemplate(messageNode.text ?? '', messageNode.loc, messageNode.namespaces) : undefined;
    const full = level === 'full' || node.attrs.logFullPayload === 'true';
    const contentAware = full || props.some((p) => valueReadsPayload(p.value)) || !!message?.readsPayload;
    const component = 'LogMediator';
    return makeStep('log', path, node, contentAware, async (ctx) => {
      const parts: string[] = [];
      if (message) parts.push(message.render(ctx));
      // MI 4.4: with a <message> template, level simple prints only the message (and properties).
      if (level !== 'custom' && !(message && level === 'simple')) parts.push(...standardParts(ctx, level, full));
      for (const p of props) parts.push(`${p.name} = ${resolveValue(p.value, ctx)}`);
      // Inside a sequence template MI prints the prefix of the artifact whose flow called it ({api:X}), not the template's.
      const artifact = env.artifact.startsWith('template:') ? (ctx.flow?.artifact ?? env.artifact) : env.artifact;
      ctx.services.logger.log(category, parts.join(separator), { component, artifact, path, messageId: ctx.messageId });
      return 'continue';
    });
  },
};

function standardParts(ctx: MessageContext, level: string, full: boolean): string[] {
  const parts: string[] = [];
  if (ctx.to !== undefined) parts.push(`To: ${ctx.to}`);
  else parts.push(`To: ${ctx.inbound.url}`);
  parts.push(`MessageID: ${ctx.messageId}`);
  parts.push(`Direction: ${ctx.isResponse ? 'response' : 'request'}`);
  if (level === 'headers' || level === 'full') {
    for (const [k, v] of ctx.transportHeaders.entries()) parts.push(`${k} = ${v}`);
  }
  if (full) {
    const kind = ctx.message.payloadKind;
    if (kind === 'json') parts.push(`Payload: ${ctx.message.text()}`);
    else parts.push(`Envelope: ${serializeXml(ctx.message.envelope().documentElement!)}`);
  }
  return parts;
}
