import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';
import { buildXsdSet, mergeDescriptors, XSD_ENTRY, type XsdFile } from './xsd.js';
import { el, a, child } from './descriptor.js';
import { mediatorDefinitions } from '../mediators/index.js';
import { artifactDefinitions, findArtifactDefinition } from '../artifacts/index.js';
import { compileArtifactText, mediatorLookup } from '../runtime/compiler.js';
import { ParseContext, parseElement } from './parse.js';
import { parseXml } from '../xml/dom.js';
import { readCar } from '../node/car/index.js';

const SYN = 'http://ws.apache.org/ns/synapse';
const shared = path.resolve(__dirname, '../../../shared');

function catalogXsd(): XsdFile[] {
  return buildXsdSet({
    artifacts: artifactDefinitions.map((d) => ({ descriptor: d.descriptor })),
    mediators: mediatorDefinitions.map((m) => ({ descriptor: m.descriptor, help: m.editor.help })),
  });
}

interface Doc {
  label: string;
  text: string;
}

/** Validates many documents in one xmllint run (the schema compiles once); errors per document. */
async function validateAll(docs: readonly Doc[], schema: readonly XsdFile[], entry: string): Promise<Map<string, string[]>> {
  const result: XMLValidationResult = await validateXML({
    xml: docs.map((d, i) => ({ fileName: `doc${i}.xml`, contents: d.text })),
    schema: { fileName: entry, contents: schema.find((f) => f.name === entry)!.text },
    preload: schema.filter((f) => f.name !== entry).map((f) => ({ fileName: f.name, contents: f.text })),
    disableFileNameValidation: true,
  });
  const errors = new Map<string, string[]>();
  for (const e of result.errors) {
    const i = Number(/^doc(\d+)\.xml$/.exec(e.loc?.fileName ?? '')?.[1] ?? NaN);
    const label = Number.isNaN(i) ? '?' : docs[i]!.label;
    errors.set(label, [...(errors.get(label) ?? []), `${e.loc?.lineNumber ?? '?'}: ${e.message.trim()}`]);
  }
  return errors;
}

describe('XSD export: shape', () => {
  const grammar = (() => {
    const leaf = el('leaf', [a.enum('mode', ['a', 'b'], { required: true }), a.enum('method', ['GET', 'POST'], { caseInsensitive: true }), a.int('n')], 'empty');
    const box = el('box', [a.str('name', { required: true })], 'elements', [child(leaf, { multiple: true })]);
    // A recursive element: a group whose members are groups.
    const group = el('group', [], 'elements', []);
    Object.assign(group, { children: [child(group, { multiple: true }), child(leaf)] });
    const flow = el('flow', [a.str('name', { required: true })], 'mediators');
    const note = el('note', [a.str('lang')], 'text');
    return { artifacts: [{ descriptor: box }, { descriptor: flow }, { descriptor: group }], mediators: [{ descriptor: leaf, help: 'A leaf <mediator>.' }, { descriptor: note }] };
  })();
  const files = buildXsdSet(grammar);
  const check = async (xml: string) => (await validateAll([{ label: 'x', text: xml }], files, XSD_ENTRY)).get('x') ?? [];

  it('declares attributes with enum restrictions, required uses and documentation', () => {
    const text = files[0]!.text;
    expect(files[0]!.name).toBe('synapse.xsd');
    expect(text).toContain('<xs:attribute name="mode" use="required"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="a"/><xs:enumeration value="b"/>');
    expect(text).toContain('<xs:documentation>A leaf &lt;mediator&gt;.</xs:documentation>');
    expect(text).toContain('processContents="lax"');
  });

  it('accepts a valid document and refuses bad enums, missing required attributes, unknown attributes and children, at their lines', async () => {
    expect(await check(`<box xmlns="${SYN}" name="b"><leaf mode="a" method="post" n="3"/><leaf mode="b"/></box>`)).toEqual([]);
    expect(await check(`<box xmlns="${SYN}" name="b">\n<leaf mode="c"/></box>`)).toEqual([expect.stringMatching(/^2: .*attribute 'mode'.*The value 'c' is not an element of the set/)]);
    expect(await check(`<box xmlns="${SYN}">\n</box>`)).toEqual([expect.stringMatching(/^1: .*'name' is required/)]);
    expect(await check(`<box xmlns="${SYN}" name="b">\n\n<leaf mode="a" colour="red"/></box>`)).toEqual([expect.stringMatching(/^3: .*colour.*not allowed/)]);
    expect(await check(`<box xmlns="${SYN}" name="b"><leaf mode="a" n="x"/></box>`)).toHaveLength(1);
    expect(await check(`<box xmlns="${SYN}" name="b"><flow name="f"/></box>`)).toEqual([expect.stringMatching(/flow.*not expected/)]);
  });

  it('mediator lists validate known mediators and accept connector operations', async () => {
    expect(await check(`<flow xmlns="${SYN}" name="f"><leaf mode="a"/><note lang="en">hi</note><salesforce.query limit="3"><x/></salesforce.query></flow>`)).toEqual([]);
    expect(await check(`<flow xmlns="${SYN}" name="f"><leaf mode="z"/></flow>`)).toHaveLength(1);
  });

  it('terminates on recursive grammars and validates nested members', async () => {
    expect(await check(`<group xmlns="${SYN}"><group><group><leaf mode="a"/></group></group></group>`)).toEqual([]);
    expect(await check(`<group xmlns="${SYN}"><group><leaf mode="q"/></group></group>`)).toHaveLength(1);
  });

  it('merges an artifact root and a mediator of the same name into one global element that accepts both', () => {
    const artifact = el('sequence', [a.str('name', { required: true }), a.key('onError', 'sequence')], 'mediators');
    const mediator = el('sequence', [a.key('key', 'sequence', { required: true })], 'empty');
    const merged = mergeDescriptors([artifact, mediator]);
    expect(merged.content).toBe('mediators');
    expect(merged.attributes.map((x) => [x.name, x.required ?? false])).toEqual([
      ['name', false],
      ['onError', false],
      ['key', false],
    ]);
  });
});

/** Diagnostics of the descriptor grammar alone (no compile-time meaning checks). */
function grammarDiagnostics(file: string, text: string) {
  const root = parseXml(text, file).doc?.documentElement;
  const def = root ? findArtifactDefinition(root) : undefined;
  if (!root || !def) return [{ code: 'SYN001', message: 'not an artifact', severity: 'error' }];
  const pc = new ParseContext(file, mediatorLookup);
  parseElement(root, def.descriptor, pc);
  return pc.diagnostics.filter((x) => x.severity === 'error');
}

/** Artifacts of the MI documentation corpus (with the Synapse namespace added where the docs omit it) and of the real CARs. */
async function collectArtifacts(extractRoot: string): Promise<{ docs: Doc[]; brokenByDocs: Set<string> }> {
  const docs: Doc[] = [];
  const brokenByDocs = new Set<string>();
  const corpus = path.join(shared, 'corpus');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(api|proxy|sequence|endpoint|localentry|template|messagestore|messageprocessor|task|inboundendpoint)_.*\.xml$|^dataservice_.*\.dbs$/.test(e.name)) {
        let text = fs.readFileSync(p, 'utf8');
        // The docs print some artifacts without the Synapse namespace (the cases say so); MI needs it.
        if (!p.endsWith('.dbs') && !text.includes(SYN)) text = text.replace(/<([A-Za-z]+)(\s|>|\/)/, `<$1 xmlns="${SYN}"$2`);
        const label = path.relative(shared, p);
        const caseText = fs.readFileSync(path.join(dir, 'case.md'), 'utf8');
        if (/malformed|not well-formed/i.test(caseText) && !compileArtifactText(label, text).tree) brokenByDocs.add(label);
        docs.push({ label, text });
      }
    }
  };
  walk(corpus);
  const carDir = path.join(shared, 'fixtures/car');
  for (const car of fs.readdirSync(carDir).filter((f) => f.endsWith('.car')).sort()) {
    const scan = await readCar(path.join(carDir, car), { extractTo: path.join(extractRoot, car) });
    for (const art of scan.artifacts) docs.push({ label: `car:${car}!${path.relative(path.join(extractRoot, car), art.file)}`, text: fs.readFileSync(art.file, 'utf8') });
  }
  return { docs, brokenByDocs };
}

/**
 * CAR artifacts that MI's own test suite deploys to see them fail (truncated or
 * mismatched XML): refused by every XSD, as by MI.
 */
const FAULTY_CAR_ARTIFACTS = [
  /^car:FaultyCAppCompositeExporter_1\.0\.0\.car!/,
  /^car:invalidCompositeApplication_1\.0\.0\.car!/,
  // An endpoint without the Synapse namespace: MI's deployer refuses it (the CAR tests synchronous deployment failure).
  /^car:SynchroDepInValidCarApp_1\.0\.0\.car!StockQuoteServiceEp1_/,
];

/**
 * Corpus pages with a docs mistake that MI's runtime tolerates: the XSD refuses them where the
 * mistake is, and our parser reports it there as a warning (the artifact still deploys, as in MI).
 */
const TOLERATED_DOCS_MISTAKES: { file: string; mistake: string; xsdError: RegExp; parserWarning: RegExp }[] = [
  {
    file: 'corpus/file-processing/vfs-windows-share-smb/proxy_StockQuoteProxy.xml',
    mistake: 'a stray `=` after <inSequence> (line 12)',
    xsdError: /^12: .*inSequence': Character content other than whitespace is not allowed/,
    parserWarning: /text "=" inside <inSequence> is ignored/,
  },
];

/**
 * Forms the runtime accepts but our descriptors (hence our XSD and parser) do
 * not model yet. Owned by the descriptor's module; remove the entry when it is added.
 */
const DESCRIPTOR_GAPS: { file: RegExp; error: RegExp; owner: string }[] = [
  // Old endpoints write <timeout><action>discard|fault</action></timeout> (MI docs, default endpoint syntax); MI 4.4's XSD refuses it too.
  // Carbon data sources name themselves with a <name> child, not a name attribute.
  { file: /!datasource_1\.0\.0\/datasource-1\.0\.0\.xml$/, error: /Element 'datasource': The attribute 'name' is required but missing/, owner: 'engine/artifacts/other/index.ts (data-source)' },
  { file: /(Axis2ServiceCSEndPoint|CreditEpr|PersonInfoEpr)\.xml$/, error: /'\{http:\/\/ws\.apache\.org\/ns\/synapse\}action': This element is not expected/, owner: 'engine/endpoints/qos.ts (timeout)' },
];

describe('XSD export: the whole catalog against the MI documentation corpus and real CARs', () => {
  const extractRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-xsd-test-'));
  let docs: Doc[] = [];
  let brokenByDocs = new Set<string>();
  let ours = new Map<string, string[]>();
  beforeAll(async () => {
    ({ docs, brokenByDocs } = await collectArtifacts(extractRoot));
    ours = await validateAll(docs, catalogXsd(), XSD_ENTRY);
  }, 120_000);
  afterAll(() => fs.rmSync(extractRoot, { recursive: true, force: true }));

  it('the exported set compiles and covers every mediator', () => {
    const text = catalogXsd()[0]!.text;
    for (const m of mediatorDefinitions) if (m.descriptor.ns === undefined) expect(text).toContain(`<xs:element name="${m.descriptor.element}" `);
    expect(docs.length).toBeGreaterThan(200);
  });

  it('accepts every artifact, except the documented broken pages (refused at the line our parser reports) and faulty CARs', () => {
    const unexpected: string[] = [];
    for (const d of docs) {
      const errors = ours.get(d.label);
      if (!errors) continue;
      if (brokenByDocs.has(d.label)) {
        // xmllint reports where it gives up (the next tag); our parser places it at the unclosed tag, at most a few lines before.
        const parserLine = compileArtifactText(d.label, d.text).diagnostics[0]!.line;
        const xsdLine = Number(/^(\d+): .*parser error/.exec(errors[0]!)?.[1]);
        expect(xsdLine - parserLine, `${d.label}: ${errors[0]}`).toBeGreaterThanOrEqual(0);
        expect(xsdLine - parserLine, `${d.label}: ${errors[0]}`).toBeLessThanOrEqual(2);
        continue;
      }
      const tolerated = TOLERATED_DOCS_MISTAKES.find((m) => m.file === d.label);
      if (tolerated) {
        expect(errors, `${d.label}: ${tolerated.mistake}`).toEqual([expect.stringMatching(tolerated.xsdError)]);
        const warning = compileArtifactText(d.label, d.text).diagnostics.find((x) => tolerated.parserWarning.test(x.message));
        expect(warning, `${d.label}: ${tolerated.mistake}`).toMatchObject({ severity: 'warning', line: 12 });
        continue;
      }
      if (FAULTY_CAR_ARTIFACTS.some((r) => r.test(d.label))) continue;
      if (DESCRIPTOR_GAPS.some((g) => g.file.test(d.label) && errors.every((e) => g.error.test(e)))) continue;
      unexpected.push(`${d.label}: ${errors.join(' | ')}`);
    }
    expect(unexpected).toEqual([]);
    expect(brokenByDocs.size).toBeGreaterThanOrEqual(2);
    for (const b of brokenByDocs) expect(ours.has(b), b).toBe(true);
  });

  it('agrees with the descriptor parser: an artifact the XSD accepts has no grammar diagnostics (unknown mediators aside)', () => {
    const disagreements = docs
      .filter((d) => !ours.has(d.label) && d.text.includes(SYN))
      // SYN002 (unknown mediator): the lax wildcard of mediator lists cannot tell it from a connector operation.
      .map((d) => ({ d, diags: grammarDiagnostics(d.label, d.text).filter((x) => x.code !== 'SYN002') }))
      .filter((x) => x.diags.length > 0)
      .map((x) => `${x.d.label}: ${x.diags.map((g) => `${g.code} ${g.message}`).join(' | ')}`);
    expect(disagreements).toEqual([]);
  });
});

/** MI's XSD set, read from ../shared/oracle at test time, with the two defects libxml2 cannot compile fixed in memory. */
function miXsd(): XsdFile[] {
  const root = path.join(shared, 'oracle/mi-xsd-440');
  const out: XsdFile[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.xsd')) out.push({ name: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  for (const f of out) {
    // publishEvent.xsd declares attribute 'type' twice; libxml2 refuses the duplicate.
    if (f.name.endsWith('publishEvent.xsd')) {
      let seen = 0;
      f.text = f.text.replace(/<xs:attribute name="type" type="xs:string" use="required"\/>/g, (m) => (seen++ === 1 ? '' : m));
    }
    // script.xsd: <include> beside an ##any wildcard is ambiguous (UPA); Xerces tolerates it, libxml2 does not.
    if (f.name.endsWith('script.xsd')) f.text = f.text.replace('<xs:any processContents="skip"', '<xs:any namespace="##other" processContents="skip"');
  }
  return out;
}

/**
 * Where MI's XSD refuses an artifact that MI's runtime deploys (and so we
 * accept), by MI's error message. These are deliberate: our grammar follows
 * the runtime (reference/synapse-language.md), not the editor schema.
 */
const MI_XSD_STRICTER: { error: RegExp; reason: string }[] = [
  { error: /enableSec': This element is not expected/, reason: 'proxy <enableSec/> is accepted by the proxy factory in any position' },
  { error: /publishWSDL': The attribute 'preservePolicy' is required/, reason: 'preservePolicy defaults to true in the runtime' },
  { error: /'\{http:\/\/ws\.apache\.org\/ns\/synapse\}(description|suspendOnFailure|session|endpoints|markForSuspension|timeout|retryConfig|parameter)': This element is not expected/, reason: 'the runtime reads children in any order (endpoint QoS, proxy <parameter> before <target>); MI XSD fixes an order' },
  { error: /'\{http:\/\/ws\.apache\.org\/ns\/synapse\}(user|password|url|driver)': This element is not expected/, reason: 'the db mediators read the <pool> children by name, in any order' },
  { error: /Element 'inboundEndpoint': No matching global declaration/, reason: 'the inbound endpoint factory reads the root in any namespace (the HTTPS docs page declares only a prefix)' },
  { error: /messageStore': The attribute 'class' is required but missing/, reason: 'a message store without class is an in-memory store in the runtime' },
  { error: /payloadFactory': The attribute 'media-type' is required/, reason: 'media-type defaults to xml' },
  { error: /attribute 'uri': '.*' is not a valid value of the atomic type 'xs:anyURI'/, reason: '$config:/${configs.*} placeholders are resolved at deploy time' },
  { error: /attribute 'statistics': The attribute 'statistics' is not allowed/, reason: 'statistics on an indirect endpoint is tolerated by the runtime' },
  { error: /\{http:\/\/wso2\.org\/carbon\/rules\}/, reason: 'rule mediator (not run by Mediate): our XSD keeps its content as written' },
  { error: /'\{http:\/\/ws\.apache\.org\/ns\/synapse\}[a-zA-Z]+\.[a-zA-Z.]+': This element is not expected/, reason: 'connector operations: MI adds them per installed connector, ours accepts any' },
  { error: /'\{http:\/\/ws\.apache\.org\/ns\/synapse\}(in|out)': This element is not expected/, reason: 'legacy <in>/<out> mediators still parse in the runtime' },
];

describe('XSD export: agreement with MI 4.4 XSDs (oracle)', () => {
  const extractRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-xsd-oracle-'));
  afterAll(() => fs.rmSync(extractRoot, { recursive: true, force: true }));

  it('every disagreement on the corpus and CARs is a documented, deliberate difference', async () => {
    const { docs } = await collectArtifacts(extractRoot);
    const synapseDocs = docs.filter((d) => d.text.includes(SYN));
    const [ours, mi] = await Promise.all([validateAll(synapseDocs, catalogXsd(), XSD_ENTRY), validateAll(synapseDocs, miXsd(), 'synapse_config.xsd')]);
    const weRefuseMiAccepts = synapseDocs.filter((d) => ours.has(d.label) && !mi.has(d.label)).map((d) => `${d.label}: ${ours.get(d.label)!.join(' | ')}`);
    expect(weRefuseMiAccepts).toEqual([]);
    const undocumented: string[] = [];
    let documented = 0;
    for (const d of synapseDocs) {
      if (ours.has(d.label) || !mi.has(d.label)) continue;
      const unexplained = mi.get(d.label)!.filter((e) => !MI_XSD_STRICTER.some((s) => s.error.test(e)));
      if (unexplained.length) undocumented.push(`${d.label}: ${unexplained.join(' | ')}`);
      else documented++;
    }
    expect(undocumented).toEqual([]);
    // Both refuse the same broken files; most of the set is accepted by both.
    const bothAccept = synapseDocs.filter((d) => !ours.has(d.label) && !mi.has(d.label)).length;
    expect(bothAccept).toBeGreaterThan(documented);
  }, 120_000);
});
