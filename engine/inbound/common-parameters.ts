/**
 * MI's parameters every inbound endpoint shares, as data (the studio's form shows them for every
 * protocol), and how the framework reads them off a parsed endpoint.
 */
import type { InboundCommon, InboundParameterDescriptor, InboundParameterValue } from './types.js';

/** Attributes of `<inboundEndpoint>` (not parameters) the form shows first. */
export const INBOUND_ATTRIBUTES: readonly InboundParameterDescriptor[] = [
  { name: 'sequence', type: 'string', help: 'Sequence each message is injected into; the main sequence when it is not deployed.', group: 'Basic' },
  { name: 'onError', type: 'string', default: 'fault', help: 'Fault sequence run when mediation fails; MI\'s default fault sequence when absent.', group: 'Basic' },
  { name: 'suspend', type: 'boolean', default: 'false', help: 'Deploy the endpoint without starting it (no port opened, no polling).', group: 'Basic' },
];

/** Parameters of every polling endpoint (file, JMS, custom polling classes ...). */
export const POLLING_PARAMETERS: readonly InboundParameterDescriptor[] = [
  { name: 'interval', type: 'integer', default: '1000', required: true, help: 'Polling period in milliseconds (not seconds: task triggers and proxy PollInterval use seconds).', group: 'Basic' },
  { name: 'sequential', type: 'boolean', default: 'true', help: 'Process one message at a time: the next one is taken after the previous has been mediated.', group: 'Basic' },
  { name: 'coordination', type: 'boolean', default: 'true', help: 'In a cluster, poll on one node at a time. A single runtime behaves the same either way.', group: 'Advanced' },
  { name: 'pinnedServers', type: 'string', help: 'Server names (comma or space separated) allowed to run this endpoint; empty means any.', group: 'Advanced' },
];

function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v.trim() === '') return fallback;
  return v.trim().toLowerCase() === 'true';
}

/** Reads the common attributes and parameters; `problems` collects what is malformed (the caller reports positions). */
export function readCommon(attrs: Record<string, string>, params: Record<string, InboundParameterValue>, polling: boolean, problems: { parameter: string; message: string }[]): InboundCommon {
  let intervalMs: number | undefined;
  const interval = params.interval?.value.trim();
  if (interval !== undefined && interval !== '') {
    const n = Number(interval);
    if (!Number.isInteger(n) || n <= 0) problems.push({ parameter: 'interval', message: `interval must be a positive whole number of milliseconds, not '${interval}'` });
    else intervalMs = n;
  } else if (polling) intervalMs = 1000;
  return {
    sequence: attrs.sequence || undefined,
    onError: attrs.onError || undefined,
    suspend: bool(attrs.suspend, false),
    intervalMs,
    sequential: bool(params.sequential?.value, true),
    coordination: bool(params.coordination?.value, true),
    pinnedServers: (params.pinnedServers?.value ?? '').split(/[\s,]+/).filter(Boolean),
  };
}
