/**
 * What a paused message carries, read with MI's debug commands: the
 * properties of every scope, the payload (the axis2 dump's `Envelope`) and
 * the variables. Values become text (JSON text for structured ones).
 */
import type { PausedMessageDetails, PropertyMap, PropertyScope } from '../../contract/index.js';
import type { Json } from './debug-connection.js';

/** The key of each scope's answer to `get properties`. */
const SCOPE_ANSWER_KEY: Record<PropertyScope, string> = {
  default: 'synapse-properties',
  axis2: 'axis2-properties',
  transport: 'axis2Transport-properties',
  'axis2-client': 'axis2Client-properties',
  operation: 'axis2Operation-properties',
};

function asText(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** `query` sends one `get` command for the message and returns its answer (a failure answer throws). */
export async function readMessageDetails(query: (cmd: Json) => Promise<Json>, messageId: string): Promise<PausedMessageDetails> {
  const properties = {} as Record<PropertyScope, PropertyMap>;
  for (const scope of Object.keys(SCOPE_ANSWER_KEY) as PropertyScope[]) {
    const answer = await query({ command: 'get', 'command-argument': 'properties', context: scope });
    const values = (answer[SCOPE_ANSWER_KEY[scope]] ?? {}) as Record<string, unknown>;
    properties[scope] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, asText(v)]));
  }
  const axis2 = properties.axis2;
  const payload = axis2.Envelope ?? '';
  const contentType = axis2.MessageType || axis2.ContentType || undefined;
  delete axis2.Envelope; // shown (and edited) as the payload
  const vars = await query({ command: 'get', 'command-argument': 'variables' });
  const variables = Object.fromEntries(Object.entries((vars['message-variables'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, asText(v)]));
  return { messageId, payload, contentType, properties, variables };
}
