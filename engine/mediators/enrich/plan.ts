/** The compiled form of an `<enrich>`: what the source and target resolve to. */
import type { CompiledExpression } from '../../expr/types.js';
import type { LocatablePath } from './json-locate.js';

export const SOURCE_TYPES = ['custom', 'envelope', 'body', 'property', 'inline', 'variable'] as const;
export const TARGET_TYPES = ['custom', 'envelope', 'body', 'property', 'variable', 'key'] as const;
export const TARGET_ACTIONS = ['replace', 'child', 'sibling', 'remove'] as const;

export type SourceType = (typeof SOURCE_TYPES)[number];
export type TargetType = (typeof TARGET_TYPES)[number];
export type TargetAction = (typeof TARGET_ACTIONS)[number];

export interface EnrichSource {
  type: SourceType;
  clone: boolean;
  /** custom: the expression. */
  expression?: CompiledExpression;
  /** custom with json-eval: the comma-separated paths, for remove. */
  removePaths?: LocatablePath[];
  /** property / variable name. */
  name?: string;
  /** inline: an XML element written inside <source>. */
  inlineElement?: Element;
  /** inline: text written inside <source> (JSON, or a plain string). */
  inlineText?: string;
  /** inline: registry / local-entry key of the content. */
  key?: string;
}

export interface EnrichTarget {
  type: TargetType;
  action: TargetAction;
  expression?: CompiledExpression;
  /** custom/key on JSON: the path to change. */
  jsonPath?: LocatablePath;
  name?: string;
}

export interface EnrichPlan {
  source: EnrichSource;
  target: EnrichTarget;
}

/**
 * Whether this enrich works on JSON when the payload is JSON (as MI 4.x does):
 * no XPath on either side and no inline XML element.
 */
export function isJsonCapable(plan: EnrichPlan): boolean {
  const { source, target } = plan;
  if (source.type === 'custom' && source.expression?.language === 'xpath') return false;
  if (source.type === 'inline' && source.inlineElement) return false;
  if ((target.type === 'custom' || target.type === 'key') && !target.jsonPath) return false;
  return true;
}
