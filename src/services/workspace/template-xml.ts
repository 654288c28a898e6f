/** XML escaping and naming shared by the new-artifact templates. */
import type { TemplateField } from '../../contract/index.js';

export const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';
export const NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_.-]*$';
export const xmlDecl = '<?xml version="1.0" encoding="UTF-8"?>\n';

export const nameField = (label = 'Name'): TemplateField => ({ id: 'name', label, required: true, pattern: NAME_PATTERN });

export function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<parameter>` lines (indented by `indent`) for the entries with a value. */
export function parameterLines(params: [string, string][], indent: string): string {
  return params.map(([n, v]) => `${indent}<parameter name="${xmlAttr(n)}">${xmlText(v)}</parameter>\n`).join('');
}
