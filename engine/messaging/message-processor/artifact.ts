/**
 * `<messageProcessor name class messageStore targetEndpoint>` with its
 * `<parameter>`s, checked and typed once per deploy. Parameter names and
 * defaults are MI's (MessageProcessorConstants, ForwardingProcessorConstants);
 * MESSAGING.md §7.3-7.5 lists them.
 */
import { el, a, child } from '../../model/descriptor.js';
import type { ArtifactDefinition } from '../../artifacts/types.js';
import type { Loc } from '../../model/node.js';
import { readParameters, ParameterReader } from '../parameters.js';

export const ProcessorClass = {
  Forwarding: 'org.apache.synapse.message.processor.impl.forwarder.ScheduledMessageForwardingProcessor',
  FailoverForwarding: 'org.apache.synapse.message.processor.impl.failover.FailoverScheduledMessageForwardingProcessor',
  Sampling: 'org.apache.synapse.message.processor.impl.sampler.SamplingProcessor',
} as const;

export type ProcessorKind = 'forwarding' | 'failover' | 'sampling';

export interface ProcessorSettings {
  /** Milliseconds between runs (`interval`, default 1000). */
  interval: number;
  /** Quartz cron expression (`cronExpression`); when set it schedules the runs instead of `interval`. */
  cronExpression?: string;
  isActive: boolean;
  /** `throttle` (default true): a run keeps forwarding for up to one interval; false: one message per run. */
  throttle: boolean;
  /** Forwarding pace under cron (`throttle.interval`, ms). */
  throttleInterval: number;
  clientRetryInterval: number;
  /** <= 0: unlimited. Default 4 (forwarding), -1 (failover). */
  maxDeliveryAttempts: number;
  maxDeliveryDrop: boolean;
  failMessagesStore?: string;
  nonRetryStatusCodes: string[];
  replySequence?: string;
  faultSequence?: string;
  deactivateSequence?: string;
  storeConnectionRetryInterval: number;
  /** -1: forever. */
  maxStoreConnectionAttempts: number;
  targetEndpoint?: string;
  /** Sampling: the sequence messages are injected into; messages per run. */
  sequence?: string;
  concurrency: number;
  /** Failover: where messages are moved. */
  targetStore?: string;
  memberCount: number;
}

export interface CompiledMessageProcessor {
  name: string;
  kind: ProcessorKind;
  className: string;
  storeName: string;
  settings: ProcessorSettings;
  parameters: Record<string, string>;
  file?: string;
  loc: Loc;
}

const KINDS: Record<string, ProcessorKind> = {
  [ProcessorClass.Forwarding]: 'forwarding',
  [ProcessorClass.FailoverForwarding]: 'failover',
  [ProcessorClass.Sampling]: 'sampling',
  // Names of older Synapse releases, still found in projects.
  'org.apache.synapse.message.processors.forward.ScheduledMessageForwardingProcessor': 'forwarding',
  'org.apache.synapse.message.processors.sampler.SamplingProcessor': 'sampling',
};

const parameterDescriptor = el('parameter', [a.str('name', { required: true })], 'xml');

export const messageProcessorArtifact: ArtifactDefinition = {
  kind: 'message-processor',
  rootElement: 'messageProcessor',
  descriptor: el(
    'messageProcessor',
    [
      a.str('name', { required: true }),
      a.str('class', { required: true, help: 'ScheduledMessageForwardingProcessor, FailoverScheduledMessageForwardingProcessor or SamplingProcessor' }),
      a.key('messageStore', 'message-store', { required: true }),
      a.key('targetEndpoint', 'endpoint'),
      a.description(),
    ],
    'elements',
    [child(parameterDescriptor, { multiple: true })],
  ),
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const className = (node.attrs.class ?? '').trim();
    const storeName = (node.attrs.messageStore ?? '').trim();
    const kind = KINDS[className] ?? KINDS[Object.keys(KINDS).find((k) => k.endsWith(`.${className}`)) ?? ''];
    if (!kind) env.report('SYN018', `unknown message processor class '${className}' (this runtime runs ScheduledMessageForwardingProcessor, FailoverScheduledMessageForwardingProcessor and SamplingProcessor)`, node.attrLocs.class ?? node.loc);
    if (storeName) env.reference('message-store', storeName, node.attrLocs.messageStore ?? node.loc);
    const params = readParameters(node, env, `message processor ${name}`);
    const p = new ParameterReader(params, env, node.loc);
    const targetEndpoint = p.str('target.endpoint') ?? node.attrs.targetEndpoint?.trim();
    if (targetEndpoint) env.reference('endpoint', targetEndpoint, params.locs['target.endpoint'] ?? node.attrLocs.targetEndpoint ?? node.loc);
    const settings: ProcessorSettings = {
      interval: p.int('interval', 1000, { min: 1 }),
      cronExpression: p.str('cronExpression'),
      isActive: p.bool('is.active', true),
      throttle: p.bool('throttle', true),
      throttleInterval: p.int('throttle.interval', 1000, { min: 1 }),
      clientRetryInterval: p.int('client.retry.interval', 1000, { min: 0 }),
      maxDeliveryAttempts: p.int('max.delivery.attempts', kind === 'failover' ? -1 : 4),
      maxDeliveryDrop: (p.str('max.delivery.drop') ?? '').trim() === 'Enabled',
      failMessagesStore: p.str('message.processor.failMessagesStore'),
      nonRetryStatusCodes: (p.str('non.retry.status.codes') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      replySequence: p.str('message.processor.reply.sequence'),
      faultSequence: p.str('message.processor.fault.sequence'),
      deactivateSequence: p.str('message.processor.deactivate.sequence'),
      storeConnectionRetryInterval: p.int('store.connection.retry.interval', 1000, { min: 0 }),
      maxStoreConnectionAttempts: p.int('max.store.connection.attempts', -1),
      targetEndpoint,
      sequence: p.str('sequence'),
      concurrency: p.int('concurrency', 1, { min: 1 }),
      targetStore: p.str('message.target.store.name'),
      memberCount: p.int('member.count', 1, { min: 1 }),
    };
    for (const seq of [settings.replySequence, settings.faultSequence, settings.deactivateSequence]) if (seq) env.reference('sequence', seq, node.loc);
    if (settings.failMessagesStore) {
      const at = params.locs['message.processor.failMessagesStore'] ?? node.loc;
      env.reference('message-store', settings.failMessagesStore, at, undefined, 'as in MI, a message that fails max.delivery.attempts times then stays in its store and the processor deactivates');
    }
    if (kind === 'sampling') {
      if (!settings.sequence) p.report('sequence', `sampling processor ${name} needs the parameter sequence (where sampled messages are injected)`);
      else env.reference('sequence', settings.sequence, params.locs.sequence ?? node.loc);
    }
    if (kind === 'failover') {
      if (settings.targetStore) env.reference('message-store', settings.targetStore, params.locs['message.target.store.name'] ?? node.loc);
    }
    if (settings.cronExpression && !/^\s*\S+(\s+\S+){4,6}\s*$/.test(settings.cronExpression)) p.report('cronExpression', `cronExpression '${settings.cronExpression}' is not a cron expression (seconds minutes hours day-of-month month day-of-week [year])`);
    return {
      kind: 'message-processor',
      name,
      value: { name, kind: kind ?? 'forwarding', className, storeName, settings, parameters: params.values, file: env.file, loc: node.loc },
    };
  },
};
