/** The one-module shape of mediators and endpoints (DESIGN §3), and what they get at compile time. */
import type { ConfigNode, Loc, MediatorNode } from './node.js';
import type { ElementDescriptor, EditorMetadata, RefKind } from './descriptor.js';
import type { Step } from '../core/step.js';
import type { Severity } from '../core/errors.js';
import type { CompiledExpression, NamespaceMap } from '../expr/types.js';
import type { MessageContext } from '../core/context.js';

/** A literal, or an expression evaluated per message (Synapse "Value": `{xpath}` or `${...}`). */
export type ValueRef = { literal: string } | { expression: CompiledExpression };

export interface CompiledTemplateText {
  readonly hasExpressions: boolean;
  readonly readsPayload: boolean;
  render(ctx: MessageContext): string;
}

/** A sequence ready to run. */
export interface CompiledSequence {
  readonly name?: string;
  readonly path: string;
  readonly steps: readonly Step[];
  /** Name of the sequence to run when a mediator in this one faults. */
  readonly onError?: string;
  readonly file?: string;
}

/** Resolved at run time so that redeploying a sequence takes effect without redeploying its callers. */
export type Resolver<T> = (ctx: MessageContext) => T;

export interface EndpointCallOptions {
  /** call mediator's blocking mode; both modes continue with the response in this runtime. */
  blocking?: boolean;
  /**
   * The legacy send's response path: an endpoint that gets several responses (recipientlist)
   * hands each one, as its own message, to this callback (MI mediates each response in the out
   * flow) and sets `responsesHandled`, instead of making one of them the current message.
   */
  eachResponse?: (response: MessageContext) => Promise<void>;
  responsesHandled?: boolean;
}

export interface EndpointRuntime {
  readonly name?: string;
  readonly kind: string;
  /** Human-readable target (URI or member summary), for the diagram and logs. */
  readonly target: string;
  /**
   * Sends ctx.message and replaces it with the response (HTTP_SC set, isResponse true).
   * Failures throw MediationFault with MI's error code after the endpoint state machine ran.
   */
  send(ctx: MessageContext, options: EndpointCallOptions): Promise<void>;
}

export interface CompileEnv {
  readonly file?: string;
  /** Artifact id used in paths and logs, e.g. `api:Orders`. */
  readonly artifact: string;
  report(code: string, message: string, at: Loc, severity?: Severity): void;
  /** Compiles attribute `attr` of `node` as an expression; reports SYN007 at the column where it breaks. */
  expression(node: ConfigNode, attr: string): CompiledExpression | undefined;
  /** Compiles expression text found elsewhere (element text); `at` is where the text starts. */
  expressionAt(text: string, at: Loc, ns: NamespaceMap): CompiledExpression | undefined;
  /** Attribute as a literal or a whole `{xpath}` / `${...}` expression. */
  value(node: ConfigNode, attr: string): ValueRef | undefined;
  /** Text with embedded `${...}` parts. */
  inlineTemplate(text: string, at: Loc, ns: NamespaceMap): CompiledTemplateText;
  /** Compiles a mediator list; `path` is the step-path prefix of the list. */
  mediators(list: readonly MediatorNode[] | undefined, path: string): Step[];
  /** A sequence by key (static, or `{expr}` dynamic); records the reference for validation. */
  sequenceRef(key: string, at: Loc, ns: NamespaceMap): Resolver<CompiledSequence>;
  /** An inline anonymous sequence (e.g. clone target) compiled under `path`. */
  inlineSequence(node: ConfigNode, path: string): CompiledSequence;
  /** An endpoint given as an `<endpoint>` element (inline, or `key=`/`key-expression=` reference). */
  endpoint(node: ConfigNode, path: string): Resolver<EndpointRuntime> | undefined;
  /**
   * Records a reference to another artifact, checked once the whole project is compiled.
   * `check` inspects the referenced artifact's compiled value and returns a problem, if any
   * (e.g. a template parameter that must be supplied). `ifMissing` makes a missing target a
   * warning rather than a refusal, saying what happens at run time (MI deploys such artifacts).
   */
  reference(kind: RefKind, name: string, at: Loc, check?: (target: unknown) => string | undefined, ifMissing?: string): void;
}

export interface MediatorDefinition {
  readonly kind: string;
  readonly descriptor: ElementDescriptor;
  readonly editor: EditorMetadata;
  /** Whether this configuration needs the payload parsed (lets pass-through stream). */
  contentAware(node: ConfigNode): boolean;
  compile(node: ConfigNode, env: CompileEnv, path: string): Step;
}

export interface EndpointDefinition {
  /** The child element of `<endpoint>` this kind is written as (`address`, `http`, `failover` ...). */
  readonly kind: string;
  readonly descriptor: ElementDescriptor;
  readonly editor: EditorMetadata;
  compile(endpoint: ConfigNode, body: ConfigNode, env: CompileEnv, path: string): EndpointRuntime;
}
