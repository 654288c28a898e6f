import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanvasEdit, FlowList, FlowNode } from '../../contract/canvas.js';
import { NodeCanvasService } from './canvas-service.js';
import { analyseDocument } from './document-model.js';
import { editedBy } from './test-support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HEALTHCARE = readFileSync(path.join(repoRoot, 'samples/hospital/src/main/wso2mi/artifacts/apis/HealthcareAPI.xml'), 'utf8');
const R0 = 'api:HealthcareAPI/resource[0]/in';

const service = new NodeCanvasService();

const edited = (text: string, edit: CanvasEdit) => editedBy(service, text, edit);

function nodes(list: FlowList | undefined): FlowNode[] {
  return list?.nodes ?? [];
}

describe('flow model', () => {
  it('shows one node per mediator with its step path, kind, endpoint and sequence reference', async () => {
    const model = await service.flow('doc', HEALTHCARE);
    expect(model.ok).toBe(true);
    expect(model.sections.map((s) => s.title)).toEqual([
      'GET /doctors/{category} · inSequence',
      'GET /doctors/{category} · faultSequence',
      'POST /appointments/{hospital}/{category} · inSequence',
      'POST /appointments/{hospital}/{category} · faultSequence',
      'GET /health · inSequence',
    ]);
    const first = nodes(model.sections[0]!.list);
    expect(first.map((n) => [n.id, n.kind])).toEqual([
      [`${R0}/0`, 'log'],
      [`${R0}/1`, 'call'],
      [`${R0}/2`, 'respond'],
    ]);
    expect(first[1]!.endpoint).toEqual({ kind: 'key', key: 'HospitalServiceEP' });
    expect(nodes(model.sections[1]!.list)[0]!.sequenceKey).toBe('HospitalFault');
    expect(HEALTHCARE.slice(first[2]!.range.start, first[2]!.range.end)).toBe('<respond/>');
    expect(model.size).toBe(12);
  });

  it('draws branches as lanes and inline endpoints with kind and address', async () => {
    const text = `<sequence name="Route" xmlns="http://ws.apache.org/ns/synapse">
  <switch source="get-property('Op')">
    <case regex="buy">
      <call><endpoint><http method="post" uri-template="http://localhost:9000/buy"/></endpoint></call>
    </case>
    <default><drop/></default>
  </switch>
  <filter xpath="true()"><then><log/></then><else/></filter>
  <clone>
    <target><sequence><log/></sequence></target>
    <target sequence="Other"/>
  </clone>
</sequence>`;
    const model = await service.flow('doc', text);
    const [sw, filter, clone] = nodes(model.sections[0]!.list);
    expect(sw!.branches!.map((b) => [b.id, b.label])).toEqual([
      ['sequence:Route/0/case[0]', 'case buy'],
      ['sequence:Route/0/default', 'default'],
    ]);
    expect(sw!.branches![0]!.nodes[0]!.endpoint).toEqual({ kind: 'http', address: 'http://localhost:9000/buy', method: 'post' });
    expect(filter!.branches!.map((b) => b.label)).toEqual(['then', 'else']);
    expect(filter!.branches![0]!.nodes[0]!.id).toBe('sequence:Route/1/then/0');
    expect(clone!.branches!.map((b) => b.id)).toEqual(['sequence:Route/2/target[0]/sequence']);
  });

  it('shows a commented-out mediator as a disabled node and skips it in step numbering', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <!-- a note -->\n  <!--<log level="full"/>-->\n  <drop/>\n</sequence>`;
    const model = await service.flow('doc', text);
    expect(nodes(model.sections[0]!.list).map((n) => [n.id, n.kind, n.disabled ?? false])).toEqual([
      ['sequence:S#0', 'log', true],
      ['sequence:S/0', 'drop', false],
    ]);
  });

  it('never throws on broken XML: ok is false and the error says where', async () => {
    const model = await service.flow('doc', HEALTHCARE.replace('</inSequence>', '</inSeq>'));
    expect(model.ok).toBe(false);
    expect(model.error?.line).toBeGreaterThan(1);
    expect(model.sections).toEqual([]);
  });

  it('marks problems on the node they concern', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log/>\n  <filter xpath="fn:concat(1,"><then/></filter>\n</sequence>`;
    const model = await service.flow('doc', text);
    const [log, filter] = nodes(model.sections[0]!.list);
    expect(log!.problems).toBeUndefined();
    expect(filter!.problems?.[0]?.code).toBe('SYN007');
  });
});

describe('graphical edits are minimal text edits', () => {
  it('inserts a palette item between two nodes with the siblings’ indentation', async () => {
    const out = await edited(HEALTHCARE, { op: 'insert', list: R0, index: 2, kind: 'log' });
    expect(out).toBe(HEALTHCARE.replace('            </call>\n            <respond/>', '            </call>\n            <log level="simple"/>\n            <respond/>'));
  });

  it('lays out multi-line snippets in the file’s indentation unit and line ends', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\r\n\t<log/>\r\n</sequence>\r\n`;
    const out = await edited(text, { op: 'insert', list: 'sequence:S', index: 1, kind: 'filter' });
    expect(out).toBe(`<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\r\n\t<log/>\r\n\t<filter xpath="true()">\r\n\t\t<then/>\r\n\t\t<else/>\r\n\t</filter>\r\n</sequence>\r\n`);
  });

  it('opens a self-closing container to insert into it', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <filter xpath="true()">\n    <then/>\n  </filter>\n</sequence>`;
    const out = await edited(text, { op: 'insert', list: 'sequence:S/0/then', index: 0, kind: 'drop' });
    expect(out).toBe(`<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <filter xpath="true()">\n    <then>\n      <drop/>\n    </then>\n  </filter>\n</sequence>`);
  });

  it('writes the document’s namespace prefix on inserted elements', async () => {
    const text = `<syn:sequence name="S" xmlns:syn="http://ws.apache.org/ns/synapse">\n  <syn:log/>\n</syn:sequence>`;
    const out = await edited(text, { op: 'insert', list: 'sequence:S', index: 1, kind: 'drop' });
    expect(out).toBe(`<syn:sequence name="S" xmlns:syn="http://ws.apache.org/ns/synapse">\n  <syn:log/>\n  <syn:drop/>\n</syn:sequence>`);
    expect(analyseDocument(out).model.sections[0]!.list!.nodes.map((n) => n.kind)).toEqual(['log', 'drop']);
  });

  it('changes only an attribute value’s bytes, keeping its quote style', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log level='custom'   category="INFO"/>\n</sequence>`;
    expect(await edited(text, { op: 'setAttribute', node: 'sequence:S/0', name: 'level', value: `it's "full"` })).toBe(text.replace(`'custom'`, `'it&apos;s "full"'`));
    expect(await edited(text, { op: 'setAttribute', node: 'sequence:S/0', name: 'description', value: 'a<b' })).toBe(text.replace('category="INFO"', `category="INFO" description='a&lt;b'`));
    expect(await edited(text, { op: 'setAttribute', node: 'sequence:S/0', name: 'level', value: null })).toBe(text.replace(` level='custom'`, ''));
    expect(await edited(text, { op: 'setAttribute', node: 'sequence:S/0', name: 'level', value: 'custom' })).toBe(text);
  });

  it('keeps one-attribute-per-line layout when adding an attribute', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <property\n      name="a"\n      value="1"/>\n</sequence>`;
    expect(await edited(text, { op: 'setAttribute', node: 'sequence:S/0', name: 'scope', value: 'axis2' })).toBe(text.replace('value="1"/>', 'value="1"\n      scope="axis2"/>'));
  });

  it('edits an attribute of a child element (a call’s endpoint)', async () => {
    const out = await edited(HEALTHCARE, { op: 'setAttribute', node: `${R0}/1`, element: 'endpoint', name: 'key', value: 'OtherEP' });
    expect(out).toBe(HEALTHCARE.replace('<endpoint key="HospitalServiceEP"/>', '<endpoint key="OtherEP"/>'));
  });

  it('deletes a mediator with its line, and nothing else', async () => {
    const out = await edited(HEALTHCARE, { op: 'delete', node: `${R0}/1` });
    expect(out).toBe(HEALTHCARE.replace('\n            <call>\n                <endpoint key="HospitalServiceEP"/>\n            </call>', ''));
  });

  it('disables by commenting out and enables back to the exact bytes', async () => {
    const disabled = await edited(HEALTHCARE, { op: 'disable', node: `${R0}/0` });
    expect(disabled).toContain('<!--<log level="custom">');
    const model = analyseDocument(disabled).model;
    expect(nodes(model.sections[0]!.list).map((n) => n.id)).toEqual([`${R0}#0`, `${R0}/0`, `${R0}/1`]);
    expect(await edited(disabled, { op: 'enable', node: `${R0}#0` })).toBe(HEALTHCARE);
  });

  it('escapes what a comment may not hold, reversibly', async () => {
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log><!-- inner --><property name="a" value="x--y&amp;-"/></log>\n</sequence>`;
    const disabled = await edited(text, { op: 'disable', node: 'sequence:S/0' });
    expect(analyseDocument(disabled).model.ok).toBe(true);
    expect(disabled.slice(disabled.indexOf('<!--') + 4, disabled.lastIndexOf('-->'))).not.toContain('--');
    expect(await edited(disabled, { op: 'enable', node: 'sequence:S#0' })).toBe(text);
  });

  it('moves a mediator within and across lists, re-indenting it', async () => {
    const moved = await edited(HEALTHCARE, { op: 'move', node: `${R0}/0`, list: R0, index: 2 });
    expect(nodes(analyseDocument(moved).model.sections[0]!.list).map((n) => n.kind)).toEqual(['call', 'respond', 'log']);
    const text = `<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <log>\n    <property name="a" value="1"/>\n  </log>\n  <filter xpath="true()">\n    <then>\n      <drop/>\n    </then>\n  </filter>\n</sequence>`;
    const across = await edited(text, { op: 'move', node: 'sequence:S/0', list: 'sequence:S/1/then', index: 1 });
    expect(across).toBe(`<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n  <filter xpath="true()">\n    <then>\n      <drop/>\n      <log>\n        <property name="a" value="1"/>\n      </log>\n    </then>\n  </filter>\n</sequence>`);
    await expect(service.edit('doc', text, { op: 'move', node: 'sequence:S/1', list: 'sequence:S/1/then', index: 0 })).rejects.toThrow(/into itself/);
  });

  it('copies a mediator without its indentation and pastes it elsewhere', async () => {
    const copied = await service.copy('doc', HEALTHCARE, `${R0}/1`);
    expect(copied).toBe('<call>\n    <endpoint key="HospitalServiceEP"/>\n</call>');
    const out = await edited(HEALTHCARE, { op: 'insert', list: 'api:HealthcareAPI/resource[2]/in', index: 0, xml: copied });
    expect(out).toBe(HEALTHCARE.replace('<resource methods="GET" uri-template="/health">\n        <inSequence>', '<resource methods="GET" uri-template="/health">\n        <inSequence>\n            <call>\n                <endpoint key="HospitalServiceEP"/>\n            </call>'));
  });

  it('refuses edits it cannot place, saying why', async () => {
    await expect(service.edit('doc', HEALTHCARE, { op: 'delete', node: 'api:HealthcareAPI/resource[9]/in/0' })).rejects.toThrow(/no mediator/);
    await expect(service.edit('doc', HEALTHCARE, { op: 'insert', list: R0, index: 0, xml: '<log>' })).rejects.toThrow(/well-formed/);
    await expect(service.edit('doc', '<api', { op: 'delete', node: `${R0}/0` })).rejects.toThrow(/not well-formed/);
  });

  it('checks expressions as the engine compiles them', async () => {
    expect((await service.checkExpression('fn:concat(1,')).ok).toBe(false);
    expect((await service.checkExpression("get-property('x')")).ok).toBe(true);
    expect((await service.checkExpression('${payload.a}')).ok).toBe(true);
  });
});

describe('every palette item', () => {
  const base = `<?xml version="1.0" encoding="UTF-8"?>\n<sequence name="S" xmlns="http://ws.apache.org/ns/synapse">\n    <!-- keep me -->\n    <log level="full"/>\n\n    <filter xpath="true()">\n        <then>\n            <drop/>\n        </then>\n    </filter>\n</sequence>\n`;

  it('inserts, updates one field, moves and deletes, leaving a valid document and the rest untouched', async () => {
    const catalog = await service.catalog();
    const kinds = catalog.groups.flatMap((g) => g.items.map((i) => i.kind));
    expect(kinds).toEqual(expect.arrayContaining(['log', 'filter', 'switch', 'clone', 'endpoint:failover']));
    for (const kind of kinds) {
      const inserted = await edited(base, { op: 'insert', list: 'sequence:S', index: 1, kind });
      const doc = analyseDocument(inserted);
      const errors = doc.model.problems.filter((p) => p.severity === 'error');
      expect(errors.map((e) => `${kind}: ${e.message}`)).toEqual([]);
      const node = doc.model.sections[0]!.list!.nodes[1]!;
      expect(node.id).toBe('sequence:S/1');
      const cut = base.indexOf('<log level="full"/>') + '<log level="full"/>'.length;
      expect(inserted.startsWith(base.slice(0, cut) + '\n    <')).toBe(true);
      expect(inserted.endsWith(base.slice(cut))).toBe(true);

      const updated = await edited(inserted, { op: 'setAttribute', node: node.id, name: 'description', value: `my ${kind}` });
      expect(analyseDocument(updated).items.get(node.id)?.flow.description).toBe(`my ${kind}`);

      const moved = await edited(updated, { op: 'move', node: node.id, list: 'sequence:S/2/then', index: 1 });
      const movedDoc = analyseDocument(moved);
      expect(movedDoc.model.ok).toBe(true);
      expect(movedDoc.items.get('sequence:S/1/then/1')?.flow.description).toBe(`my ${kind}`);

      const deleted = await edited(moved, { op: 'delete', node: 'sequence:S/1/then/1' });
      expect(deleted).toBe(base);
    }
  });
});
