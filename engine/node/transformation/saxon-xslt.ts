/**
 * XsltProcessor backed by SaxonJS (XSLT 3.0 processor; 1.0 stylesheets run in
 * backwards-compatible mode). Stylesheets are compiled from source at run
 * time through fn:transform with `cache`, so a key's stylesheet is compiled
 * once per text. Imported/included documents are written to a private
 * temporary directory so the compiler resolves their hrefs.
 * Known divergence from XSLT 1.0 processors (xsltproc, Xalan): in a 1.0
 * stylesheet SaxonJS's format-number() does not convert a node argument with
 * number(), so format-number(price, '0.00') gives NaN; write number(price).
 * SaxonJS is Saxonica's freely redistributable binary (licence in
 * node_modules/saxon-js/LICENSE.txt), not open source.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { XsltError, type XsltProcessor, type XsltRequest } from '../../mediators/xslt/processor.js';

interface SaxonError {
  message?: string;
  code?: string;
}
interface Saxon {
  XPath: { evaluate(expr: string, context: unknown, options: Record<string, unknown>): unknown };
}

const require = createRequire(import.meta.url);
let saxon: Saxon | undefined;
function load(): Saxon {
  saxon ??= require('saxon-js') as Saxon;
  return saxon;
}

const TRANSFORM = `transform(map{
  'stylesheet-text': $xsl,
  'stylesheet-base-uri': $base,
  'source-node': parse-xml($src),
  'stylesheet-params': map:merge(for $i in 1 to count($names) return map{QName('', $names[$i]): $values[$i]}),
  'delivery-format': 'serialized',
  'cache': true()
})?output`;

let workDir: string | undefined;

function baseFor(request: XsltRequest): string {
  workDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-xslt-'));
  const id = createHash('sha256').update(request.resources.map((r) => `${r.name}\0${r.text}`).join('\0')).digest('hex').slice(0, 16);
  const dir = path.join(workDir, id);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    for (const r of request.resources) {
      const file = path.resolve(dir, r.name);
      if (!file.startsWith(dir + path.sep)) throw new XsltError(`resource location '${r.name}' leaves the stylesheet directory`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, r.text);
    }
  }
  return `file://${dir}/stylesheet.xsl`;
}

export const saxonXsltProcessor: XsltProcessor = {
  async transform(request) {
    const s = load();
    try {
      const out = s.XPath.evaluate(TRANSFORM, null, {
        params: { xsl: request.stylesheet.text, base: baseFor(request), src: request.source, names: request.params.map((p) => p[0]), values: request.params.map((p) => p[1]) },
        namespaceContext: { map: 'http://www.w3.org/2005/xpath-functions/map' },
      });
      return String(out ?? '').replace(/^<\?xml[^?]*\?>/, '');
    } catch (e) {
      const err = e as SaxonError;
      const code = err.code?.replace(/^Q\{[^}]*\}/, '');
      throw new XsltError(String(err.message ?? e).split('\n')[0]!, code);
    }
  },
};
