/**
 * What a suite can be written for: the project's APIs, proxies and sequences,
 * each with its resources (request paths), the named endpoints it calls (mock
 * service candidates, with their addresses) and the files it needs deployed
 * beside it (endpoints and sequences it refers to, followed transitively).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { scanProject } from '../../../engine/index.js';
import type { TestTarget } from '../../contract/index.js';

interface ArtifactFacts {
  kind: string;
  name: string;
  file: string;
  endpointKeys: string[];
  sequenceKeys: string[];
  resources: { method: string; path: string }[];
  address?: string;
}

function elements(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    out.push(e);
    for (let c = e.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) walk(c as Element);
  };
  walk(root);
  return out;
}

function parseRoot(text: string): Element | undefined {
  try {
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
    return (doc.documentElement as Element | null) ?? undefined;
  } catch {
    return undefined;
  }
}

function factsOf(kind: string, name: string, file: string, text: string): ArtifactFacts {
  const root = parseRoot(text);
  const facts: ArtifactFacts = { kind, name, file, endpointKeys: [], sequenceKeys: [], resources: [] };
  if (!root) return facts;
  const all = elements(root);
  const add = (list: string[], v: string | null | undefined) => {
    if (v && !v.includes('{') && !list.includes(v)) list.push(v);
  };
  for (const e of all) {
    if (e.localName === 'endpoint' && e !== root) add(facts.endpointKeys, e.getAttribute('key'));
    if (e.localName === 'sequence' && e !== root) add(facts.sequenceKeys, e.getAttribute('key'));
    if (e.localName === 'target' || e.localName === 'resource' || e.localName === 'proxy') {
      for (const attr of ['inSequence', 'outSequence', 'faultSequence', 'sequence']) add(facts.sequenceKeys, e.getAttribute(attr));
      add(facts.endpointKeys, e.getAttribute('endpoint'));
    }
    if (kind === 'endpoint' && !facts.address && ['http', 'address', 'wsdl'].includes(e.localName ?? '')) facts.address = e.getAttribute('uri-template') ?? e.getAttribute('uri') ?? undefined;
  }
  if (kind === 'api') {
    // A suite's request-path is relative to the API's context.
    for (const r of all.filter((e) => e.localName === 'resource' && e.parentNode === root)) {
      const template = r.getAttribute('uri-template') ?? r.getAttribute('url-mapping') ?? '/';
      const suffix = template === '/' ? '' : template.replace(/\/\*$/, '');
      for (const method of (r.getAttribute('methods') ?? 'GET').split(/\s+/).filter(Boolean)) facts.resources.push({ method: method.toUpperCase(), path: suffix || '/' });
    }
  }
  return facts;
}

/** Every API, proxy and sequence of the project, as the suite form offers them. */
export async function testTargets(root: string): Promise<TestTarget[]> {
  const scan = await scanProject(root);
  const facts: ArtifactFacts[] = [];
  for (const a of scan.artifacts) {
    if (!['api', 'proxy', 'sequence', 'endpoint', 'template'].includes(a.kind)) continue;
    const text = await readFile(a.file, 'utf8').catch(() => '');
    facts.push(factsOf(a.kind, a.name, path.relative(root, a.file).split(path.sep).join('/'), text));
  }
  const byName = (kind: string, name: string) => facts.find((f) => f.kind === kind && f.name === name);
  return facts
    .filter((f) => f.kind === 'api' || f.kind === 'proxy' || f.kind === 'sequence')
    .map((f) => {
      const supportive: string[] = [];
      const endpoints: TestTarget['endpoints'] = [];
      const seen = new Set<ArtifactFacts>([f]);
      const visit = (x: ArtifactFacts) => {
        for (const key of x.endpointKeys) {
          const ep = byName('endpoint', key);
          if (!endpoints.some((e) => e.name === key)) endpoints.push({ name: key, file: ep?.file, address: ep?.address });
          if (ep && !seen.has(ep)) {
            seen.add(ep);
            supportive.push(ep.file);
            visit(ep);
          }
        }
        for (const key of x.sequenceKeys) {
          const seq = byName('sequence', key);
          if (seq && !seen.has(seq)) {
            seen.add(seq);
            supportive.push(seq.file);
            visit(seq);
          }
        }
      };
      visit(f);
      return { kind: f.kind as TestTarget['kind'], name: f.name, file: f.file, resources: f.resources, endpoints, supportive };
    });
}
