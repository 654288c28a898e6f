/**
 * The CompileEnv given to mediator and endpoint modules while one artifact is
 * compiled: it places diagnostics, compiles expressions once, and records
 * references that are checked when the whole project is known.
 */
import type { ConfigDiagnostic, Severity } from '../core/errors.js';
import type { CompileEnv, CompiledSequence, CompiledTemplateText, EndpointRuntime, Resolver, ValueRef } from '../model/definition.js';
import type { RefKind } from '../model/descriptor.js';
import type { ConfigNode, Loc, MediatorNode } from '../model/node.js';
import type { Step } from '../core/step.js';
import type { MessageContext } from '../core/context.js';
import { compileExpression, compileValue } from '../expr/compile.js';
import { compileInlineTemplate } from '../expr/synapse/index.js';
import { ExpressionSyntaxError, type CompiledExpression, type NamespaceMap } from '../expr/types.js';
import { findMediator } from '../mediators/index.js';
import { compileEndpointElement } from '../endpoints/element.js';
import { endpointKinds } from '../endpoints/index.js';
import { MediationFault } from '../core/errors.js';
import { connectorStep } from './connector-step.js';

export interface RecordedReference {
  kind: RefKind;
  name: string;
  at: Loc;
  check?: (target: unknown) => string | undefined;
  /** Set for a reference MI resolves only at run time: a missing target is a warning saying what then happens. */
  ifMissing?: string;
}

export class CompileEnvImpl implements CompileEnv {
  readonly diagnostics: ConfigDiagnostic[] = [];
  readonly references: RecordedReference[] = [];

  constructor(
    readonly file: string | undefined,
    readonly artifact: string,
  ) {}

  report(code: string, message: string, at: Loc, severity: Severity = 'error'): void {
    this.diagnostics.push({ code, severity, message, file: this.file, line: at.line, col: at.col });
  }

  expression(node: ConfigNode, attr: string): CompiledExpression | undefined {
    const text = node.attrs[attr];
    if (text === undefined) return undefined;
    return this.expressionAt(text, node.attrLocs[attr] ?? node.loc, node.namespaces, `${attr} of <${node.element}>`);
  }

  expressionAt(text: string, at: Loc, ns: NamespaceMap, what = 'expression'): CompiledExpression | undefined {
    try {
      return cachedExpression(text, ns);
    } catch (e) {
      this.reportExpressionError(e, text, at, what);
      return undefined;
    }
  }

  private reportExpressionError(e: unknown, text: string, at: Loc, what: string): void {
    if (e instanceof ExpressionSyntaxError) {
      const { line, col } = advance(at, text, e.offset);
      this.diagnostics.push({ code: 'SYN007', severity: 'error', message: `invalid ${what} '${text}': ${e.message}`, file: this.file, line, col });
    } else {
      this.report('SYN007', `invalid ${what} '${text}': ${e instanceof Error ? e.message : String(e)}`, at);
    }
  }

  value(node: ConfigNode, attr: string): ValueRef | undefined {
    const text = node.attrs[attr];
    if (text === undefined) return undefined;
    try {
      return compileValue(text, node.namespaces);
    } catch (e) {
      this.reportExpressionError(e, text, node.attrLocs[attr] ?? node.loc, `${attr} of <${node.element}>`);
      return undefined;
    }
  }

  inlineTemplate(text: string, at: Loc, ns: NamespaceMap): CompiledTemplateText {
    try {
      const t = compileInlineTemplate(text, ns);
      return { hasExpressions: t.hasExpressions, readsPayload: t.readsPayload, render: (ctx: MessageContext) => t.render(ctx) };
    } catch (e) {
      this.reportExpressionError(e, text, at, 'template');
      return { hasExpressions: false, readsPayload: false, render: () => text };
    }
  }

  mediators(list: readonly MediatorNode[] | undefined, path: string): Step[] {
    const steps: Step[] = [];
    let index = 0;
    for (const m of list ?? []) {
      if (m.kind === 'comment') continue;
      const node = (m as { node: ConfigNode }).node;
      const stepPath = `${path}/${index++}`;
      if (m.kind === 'connector') {
        steps.push(connectorStep(node, stepPath, this));
        continue;
      }
      const def = findMediator(node.ns, node.element);
      if (!def) continue; // already reported by the parser
      steps.push(def.compile(node, this, stepPath));
    }
    return steps;
  }

  sequenceRef(key: string, at: Loc, ns: NamespaceMap): Resolver<CompiledSequence> {
    const trimmed = key.trim();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || trimmed.startsWith('${')) {
      let value: ValueRef | undefined;
      try {
        value = compileValue(trimmed, ns);
      } catch (e) {
        this.reportExpressionError(e, key, at, 'sequence key');
      }
      return (ctx) => {
        const name = value && 'expression' in value ? value.expression.evaluateString(ctx) : trimmed;
        return lookupSequence(ctx, name);
      };
    }
    this.reference('sequence', trimmed, at);
    return (ctx) => lookupSequence(ctx, trimmed);
  }

  inlineSequence(node: ConfigNode, path: string): CompiledSequence {
    return { path, steps: this.mediators(node.mediators, path), onError: node.attrs.onError, file: this.file };
  }

  endpoint(node: ConfigNode, path: string): Resolver<EndpointRuntime> | undefined {
    return compileEndpointElement(node, this, path, endpointKinds);
  }

  reference(kind: RefKind, name: string, at: Loc, check?: (target: unknown) => string | undefined, ifMissing?: string): void {
    this.references.push({ kind, name, at, check, ifMissing });
  }
}

function lookupSequence(ctx: MessageContext, name: string): CompiledSequence {
  const seq = ctx.services.lookup('sequence', name) as CompiledSequence | undefined;
  if (!seq) throw new MediationFault(0, `Sequence named ${name} cannot be found`);
  return seq;
}

/** Position of `offset` characters into `text` that starts at `at`. */
function advance(at: Loc, text: string, offset: number): { line: number; col: number } {
  let line = at.line;
  let col = at.col;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, col };
}

/**
 * Compiled expressions are immutable, so the same text with the same namespaces compiles once:
 * a redeploy or the language service re-analysing a document on every keystroke reuses them.
 */
const expressionCache = new Map<string, CompiledExpression>();
const EXPRESSION_CACHE_LIMIT = 20000;

function cachedExpression(text: string, ns: NamespaceMap): CompiledExpression {
  const prefixes = Object.keys(ns).sort();
  const key = `${text}\u0000${prefixes.map((p) => `${p}=${ns[p]}`).join('\u0001')}`;
  const hit = expressionCache.get(key);
  if (hit) return hit;
  const compiled = compileExpression(text, ns);
  if (expressionCache.size >= EXPRESSION_CACHE_LIMIT) expressionCache.delete(expressionCache.keys().next().value as string);
  expressionCache.set(key, compiled);
  return compiled;
}
