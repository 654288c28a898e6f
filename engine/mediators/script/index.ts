/**
 * script: runs JavaScript against the message through MI's `mc` object.
 * Inline source (usually CDATA) runs as a whole script; a registry `key` is
 * loaded, its `include` scripts run first, then `function` (default
 * `mediate`) is called with `mc`. A `false` result ends the flow, as in MI.
 *
 * Scripts run in the host's sandbox (RuntimeServices.scriptRunner) with a time
 * limit: `mediate.script.timeout.ms` (config property) or
 * MEDIATE_SCRIPT_TIMEOUT_MS, default 5000 ms. Errors and timeouts are
 * MediationFaults (MI's "The script engine returned an error executing ..."),
 * so the fault sequence runs and the runtime keeps serving.
 * Only JavaScript is available: js, graalJs, nashornJs and rhinoJs all mean it.
 */
import type { MediatorDefinition, ValueRef } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childrenNamed } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { makeStep, resolveValue } from '../support.js';
import { createBridge } from './bridge.js';
import { MC_PRELUDE } from './prelude.js';
import { ScriptFailure, type ScriptSource } from './runner.js';

const JAVASCRIPT = new Set(['js', 'graalJs', 'nashornJs', 'rhinoJs']);
export const DEFAULT_SCRIPT_TIMEOUT_MS = 5000;
export const SCRIPT_TIMEOUT_CONFIG = 'mediate.script.timeout.ms';
export const SCRIPT_TIMEOUT_ENV = 'MEDIATE_SCRIPT_TIMEOUT_MS';

const includeDesc = el('include', [a.key('key', 'registry', { required: true, help: 'Registry key of a script loaded before the main one.' })], 'empty');

export const scriptMediator: MediatorDefinition = {
  kind: 'script',
  descriptor: el(
    'script',
    [
      a.enum('language', ['js', 'graalJs', 'nashornJs', 'rhinoJs', 'groovy', 'rb'], { required: true, help: 'Script language; every JavaScript name runs the same engine here.' }),
      a.key('key', 'registry', { help: 'Registry key of the script (static or {xpath}); without it the element text is the script.' }),
      a.str('function', { default: 'mediate', help: 'Function of a registry script to call with mc.' }),
      a.description(),
    ],
    'text',
    [child(includeDesc, { multiple: true })],
  ),
  editor: { label: 'Script', group: 'extension', help: 'Runs JavaScript on the message (mc.getPayloadJSON, mc.setProperty ...).', fieldOrder: ['language', 'key', 'function'] },
  contentAware: () => true,
  compile(node, env, path) {
    const language = node.attrs.language ?? 'js';
    if (!JAVASCRIPT.has(language)) {
      env.report('SYN010', `script language '${language}' is not available in this runtime (only JavaScript: js, graalJs, nashornJs, rhinoJs)`, node.attrLocs.language ?? node.loc);
    }
    const includes: ValueRef[] = [];
    for (const inc of childrenNamed(node, 'include')) {
      const ref = keyRef(inc, env);
      if (ref) includes.push(ref);
    }
    const key = node.attrs.key !== undefined ? keyRef(node, env) : undefined;
    const functionName = node.attrs.function ?? 'mediate';
    const inline = node.text ?? '';
    if (key === undefined && node.attrs.key === undefined) {
      if (inline.trim() === '') env.report('SYN006', '<script> needs inline script text or a key', node.loc);
      const problem = syntaxProblem(inline);
      if (problem) env.report('SYN007', `script does not parse: ${problem}`, node.loc);
    }
    const what = key ? `external ${language} script : ${node.attrs.key} function ${functionName}` : `inlined ${language} script function ${functionName}`;
    const failureMessage = `The script engine returned an error executing the ${what}`;
    const component = 'ScriptMediator';

    return makeStep('script', path, node, true, async (ctx) => {
      const runner = ctx.services.scriptRunner;
      if (!runner) throw new MediationFault(ErrorCodes.SCRIPT_FAILURE, failureMessage, { detail: 'no script engine is available in this host' });
      const sources: ScriptSource[] = [{ code: MC_PRELUDE, filename: 'mc-prelude' }];
      for (const inc of includes) sources.push(loadScript(ctx, inc, failureMessage));
      let entry: string | undefined;
      if (key) {
        sources.push(loadScript(ctx, key, failureMessage));
        entry = `__mediateCall(${JSON.stringify(functionName)})`;
      } else sources.push({ code: inline, filename: 'inline' });
      const bridge = createBridge(ctx, {
        print: (text) => ctx.services.logger.log('info', text, { component, artifact: env.artifact, path, messageId: ctx.messageId }),
      });
      let result: unknown;
      try {
        result = runner.run({ sources, entry, bridge, timeoutMs: timeoutOf(ctx) });
      } catch (e) {
        if (e instanceof ScriptFailure) throw new MediationFault(ErrorCodes.SCRIPT_FAILURE, failureMessage, { detail: e.message, cause: e });
        throw e;
      }
      return result === false ? 'halt' : 'continue';
    });
  },
};

function keyRef(node: Parameters<MediatorDefinition['compile']>[0], env: Parameters<MediatorDefinition['compile']>[1]): ValueRef | undefined {
  const ref = env.value(node, 'key');
  if (ref && 'literal' in ref) env.reference('registry', ref.literal, node.attrLocs.key ?? node.loc);
  return ref;
}

function loadScript(ctx: MessageContext, ref: ValueRef, failureMessage: string): ScriptSource {
  const key = resolveValue(ref, ctx);
  const code = ctx.services.registryResource(key);
  if (code === undefined) throw new MediationFault(ErrorCodes.SCRIPT_FAILURE, failureMessage, { detail: `Cannot find the script with key ${key}` });
  return { code, filename: key };
}

function timeoutOf(ctx: MessageContext): number {
  const raw = ctx.services.config(SCRIPT_TIMEOUT_CONFIG) ?? ctx.services.env(SCRIPT_TIMEOUT_ENV);
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SCRIPT_TIMEOUT_MS;
}

/**
 * Syntax check at deploy time, as MI compiles inline scripts when it loads
 * them. The Function constructor only parses here; the body is never called.
 */
function syntaxProblem(code: string): string | undefined {
  try {
    new Function(code);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
