/** payloadFactory template-type="freemarker": compile once (deploy or first use of a key), render per message. */
import type { MessageContext } from '../../../core/context.js';
import { MediationFault } from '../../../core/errors.js';
import { FreemarkerSyntaxError, type TemplateNode } from './ast.js';
import { FreemarkerRuntimeError, renderTemplate } from './evaluate.js';
import { buildModel } from './model.js';
import { parseTemplate } from './template.js';

export { FreemarkerSyntaxError } from './ast.js';

export interface CompiledFreemarker {
  render(ctx: MessageContext, args: unknown[]): string;
}

/** Throws FreemarkerSyntaxError for malformed or unsupported templates. */
export function compileFreemarker(text: string): CompiledFreemarker {
  const nodes: TemplateNode[] = parseTemplate(text);
  return {
    render(ctx, args) {
      try {
        return renderTemplate(nodes, buildModel(ctx, args));
      } catch (e) {
        if (e instanceof FreemarkerRuntimeError) throw new MediationFault(0, `Error while processing the FreeMarker template: ${e.message}`);
        throw e;
      }
    },
  };
}

/** 1-based line and column of `offset` in `text`. */
export function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

export function describeSyntaxError(text: string, e: FreemarkerSyntaxError): string {
  const p = positionIn(text, e.offset);
  return `FreeMarker template: ${e.message} (template line ${p.line}, column ${p.col})`;
}
