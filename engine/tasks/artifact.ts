/**
 * `<task>` as a deployable artifact (Synapse TaskDescriptionFactory, MI TaskBuilder): the trigger
 * checked as MI checks it (cron and interval together, count without interval, interval under a
 * second, a cron that does not parse: reported at its position), MessageInjector properties read.
 * A task class other than MessageInjector is Java code this runtime cannot run: refused clearly.
 */
import { el, a, child } from '../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode, type Loc } from '../model/node.js';
import { serializeXml } from '../xml/dom.js';
import type { ArtifactDefinition } from '../artifacts/types.js';
import { translateQuartzCron, CronSyntaxError } from './quartz-cron.js';
import { MESSAGE_INJECTOR, type InjectFormat, type MessageInjectorConfig, type TaskConfig, type TaskTrigger } from './types.js';

export const taskDescriptor = el(
  'task',
  [a.str('name', { required: true }), a.str('class', { required: true }), a.str('group'), a.str('pinnedServers')],
  'elements',
  [
    child(el('description', [], 'text')),
    child(el('trigger', [a.int('count'), a.int('interval'), a.str('cron'), a.bool('once')], 'empty')),
    child(el('property', [a.str('name', { required: true }), a.str('value')], 'xml'), { multiple: true }),
  ],
);

const KNOWN_PROPERTIES = new Set(['message', 'registryKey', 'to', 'format', 'soapAction', 'injectTo', 'sequenceName', 'proxyName', 'apiName', 'apiPath', 'sequential', 'invokeHandlers']);
const FORMATS: InjectFormat[] = ['soap11', 'soap12', 'pox', 'get', 'json'];

type Report = (message: string, at: Loc) => void;

export function readTrigger(node: ConfigNode | undefined, report: Report, at: Loc): TaskTrigger {
  if (!node) return { kind: 'simple', intervalMs: 1000, count: 1 };
  const { cron, interval, count, once } = node.attrs;
  if (cron !== undefined && (interval !== undefined || count !== undefined)) report('Trigger syntax error : both cron and simple trigger attributes are present', node.loc);
  if (cron !== undefined) {
    try {
      const t = translateQuartzCron(cron);
      return { kind: 'cron', expression: cron, croner: t.croner };
    } catch (e) {
      if (!(e instanceof CronSyntaxError)) throw e;
      const attrAt = node.attrLocs.cron ?? node.loc;
      // The attribute's value starts after `cron="`; point at the offending column inside it.
      report(`invalid cron expression '${cron}': ${e.message}`, { ...attrAt, col: attrAt.col + 'cron="'.length + e.column - 1 });
      return { kind: 'simple', intervalMs: 1000, count: 1 };
    }
  }
  if (once === 'true') return { kind: 'simple', intervalMs: 1000, count: 1 };
  const n = count !== undefined ? Number(count) : -1;
  if (count !== undefined && !Number.isInteger(n)) report(`trigger count must be a whole number, not '${count}'`, node.attrLocs.count ?? node.loc);
  if (interval === undefined) {
    if (count !== undefined && n > 1) report('Trigger syntax error : a count greater than 1 needs an interval', node.attrLocs.count ?? node.loc);
    return { kind: 'simple', intervalMs: 1000, count: 1 };
  }
  const seconds = Number(interval);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    report(`trigger interval must be a positive number of seconds, not '${interval}'`, node.attrLocs.interval ?? node.loc);
    return { kind: 'simple', intervalMs: 1000, count: 1 };
  }
  if (seconds * 1000 < 1000) report('trigger interval must be at least 1 second for user tasks', node.attrLocs.interval ?? node.loc);
  void at;
  return { kind: 'simple', intervalMs: seconds * 1000, count: n === 0 ? 1 : n };
}

function propertyText(p: ConfigNode): string | undefined {
  if (p.attrs.value !== undefined) return p.attrs.value;
  const element = p.raw?.find((n) => n.nodeType === 1);
  if (element) return serializeXml(element);
  const text = (p.raw ?? []).map((n) => n.textContent ?? '').join('').trim();
  return text === '' ? undefined : text;
}

export const taskArtifact: ArtifactDefinition = {
  kind: 'task',
  rootElement: 'task',
  descriptor: taskDescriptor,
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const report: Report = (m, at) => env.report('SYN005', `task ${name}: ${m}`, at);
    const className = node.attrs.class ?? '';
    if (className !== MESSAGE_INJECTOR) report(`task class ${className} is custom Java code, which this runtime cannot run (only ${MESSAGE_INJECTOR})`, node.attrLocs.class ?? node.loc);
    const trigger = readTrigger(childNamed(node, 'trigger'), report, node.loc);
    const props: Record<string, string> = {};
    const locs: Record<string, Loc> = {};
    for (const p of childrenNamed(node, 'property')) {
      const pname = p.attrs.name;
      if (!pname) continue;
      const v = propertyText(p);
      if (v !== undefined) props[pname] = v;
      locs[pname] = p.loc;
    }
    const injectToRaw = (props.injectTo ?? 'main').trim().toLowerCase();
    const injectTo = (['sequence', 'proxy', 'main', 'api'].includes(injectToRaw) ? injectToRaw : 'main') as MessageInjectorConfig['injectTo'];
    if (!['sequence', 'proxy', 'main', 'api'].includes(injectToRaw)) report(`injectTo must be sequence, proxy or main, not '${props.injectTo}'`, locs.injectTo ?? node.loc);
    if (props.message === undefined && props.registryKey === undefined && className === MESSAGE_INJECTOR) report("MessageInjector needs a 'message' property (or 'registryKey')", node.loc);
    if (injectTo === 'sequence') {
      if (!props.sequenceName) report("injectTo 'sequence' needs a 'sequenceName' property", locs.injectTo ?? node.loc);
      else env.reference('sequence', props.sequenceName, locs.sequenceName ?? node.loc);
    }
    if (injectTo === 'proxy' && !props.proxyName) report("injectTo 'proxy' needs a 'proxyName' property", locs.injectTo ?? node.loc);
    if (injectTo === 'api' && !props.apiName) report("injectTo 'api' needs an 'apiName' property", locs.injectTo ?? node.loc);
    if (props.registryKey) env.reference('registry', props.registryKey, locs.registryKey ?? node.loc);
    const format = props.format?.trim().toLowerCase();
    if (format !== undefined && !FORMATS.includes(format as InjectFormat)) report(`format must be one of ${FORMATS.join(', ')}, not '${props.format}'`, locs.format ?? node.loc);
    const extra: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) if (!KNOWN_PROPERTIES.has(k)) extra[k] = v;
    const value: TaskConfig = {
      name,
      className,
      group: node.attrs.group,
      pinnedServers: (node.attrs.pinnedServers ?? '').split(/[\s,]+/).filter(Boolean),
      trigger,
      injector: {
        injectTo,
        sequenceName: props.sequenceName,
        proxyName: props.proxyName,
        apiName: props.apiName,
        apiPath: props.apiPath,
        message: props.message,
        registryKey: props.registryKey,
        format: format as InjectFormat | undefined,
        soapAction: props.soapAction,
        to: props.to,
        sequential: (props.sequential ?? '').trim() === 'true',
        properties: extra,
      },
      loc: node.loc,
    };
    return { kind: 'task', name, value };
  },
};
