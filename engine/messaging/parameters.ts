/**
 * `<parameter name="...">value</parameter>` children of message stores and
 * processors, read as MI's factories read them (names trimmed, duplicates:
 * the last wins, empty `<parameter/>` accepted), with typed getters that
 * report a bad value at the parameter's own line and column.
 */
import type { CompileEnv } from '../model/definition.js';
import type { ConfigNode, Loc } from '../model/node.js';
import { SYNAPSE_NS } from '../xml/dom.js';

export interface ParameterSet {
  values: Record<string, string>;
  locs: Record<string, Loc>;
}

export function readParameters(node: ConfigNode, env: CompileEnv, owner: string): ParameterSet {
  const values: Record<string, string> = {};
  const locs: Record<string, Loc> = {};
  for (const p of node.children) {
    if (p.element !== 'parameter') continue;
    const name = p.attrs.name?.trim();
    if (!name) continue;
    if (p.ns !== SYNAPSE_NS) env.report('SYN016', `<parameter name="${name}"> of ${owner} is not in the Synapse namespace; MI ignores it (read here anyway)`, p.loc, 'warning');
    values[name] = (p.raw ?? []).map((n) => n.textContent ?? '').join('').trim();
    locs[name] = p.loc;
  }
  return { values, locs };
}

export class ParameterReader {
  constructor(
    private readonly set: ParameterSet,
    private readonly env: CompileEnv,
    private readonly at: Loc,
  ) {}

  has(name: string): boolean {
    return this.set.values[name] !== undefined && this.set.values[name] !== '';
  }

  str(name: string): string | undefined {
    const v = this.set.values[name];
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, dflt: number, opts: { min?: number } = {}): number {
    const v = this.str(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) {
      this.report(name, `parameter ${name} must be an integer, got '${v}'`);
      return dflt;
    }
    if (opts.min !== undefined && n < opts.min) {
      this.report(name, `parameter ${name} must be at least ${opts.min}, got ${n}`);
      return dflt;
    }
    return n;
  }

  bool(name: string, dflt: boolean): boolean {
    const v = this.str(name);
    if (v === undefined) return dflt;
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
    this.report(name, `parameter ${name} must be true or false, got '${v}'`);
    return dflt;
  }

  report(name: string, message: string): void {
    this.env.report('SYN017', message, this.set.locs[name] ?? this.at);
  }
}
