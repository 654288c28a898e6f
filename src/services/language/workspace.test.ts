import { describe, it, expect } from 'vitest';
import { LanguageWorkspace } from './workspace.js';
import type { TextPosition } from '../../contract/language.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** The position of `|` in `text`, and the text without it. */
function cursor(textWithBar: string): { text: string; at: TextPosition } {
  const offset = textWithBar.indexOf('|');
  const before = textWithBar.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return { text: textWithBar.slice(0, offset) + textWithBar.slice(offset + 1), at: { line, col } };
}

describe('documents: open, change, close', () => {
  it('returns the syntax tree with the runtime step paths, and re-parses on every change', () => {
    const ws = new LanguageWorkspace();
    const api = `<api ${NS} name="Orders" context="/orders">\n<resource methods="GET">\n<inSequence>\n<log/>\n<!-- note -->\n<property name="a" value="1"/>\n<filter xpath="true()">\n<then><respond/></then>\n<else><drop/></else>\n</filter>\n</inSequence>\n</resource>\n</api>`;
    const s = ws.open('apis/orders.xml', api);
    expect(s).toMatchObject({ uri: 'apis/orders.xml', version: 1, kind: 'api', name: 'Orders', diagnostics: [] });
    const inSeq = s.tree!.children[0]!.children[0]!;
    expect(inSeq.element).toBe('inSequence');
    expect(inSeq.mediators!.map((m) => [m.role, m.element, m.path])).toEqual([
      ['mediator', 'log', 'api:Orders/resource[0]/in/0'],
      ['comment', '#comment', undefined],
      ['mediator', 'property', 'api:Orders/resource[0]/in/1'],
      ['mediator', 'filter', 'api:Orders/resource[0]/in/2'],
    ]);
    const filter = inSeq.mediators![3]!;
    expect(filter.children.map((c) => c.mediators![0]!.path)).toEqual(['api:Orders/resource[0]/in/2/then/0', 'api:Orders/resource[0]/in/2/else/0']);
    expect(filter.loc).toEqual({ line: 7, col: 1 });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);

    const broken = ws.change('apis/orders.xml', api.replace('<log/>', '<log level="loud"/>'));
    expect(broken.version).toBe(2);
    expect(broken.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.col])).toEqual([['SYN004', 4, 13]]);
    // Paths stay available while the document has grammar errors (the graphical view keeps drawing).
    expect(broken.tree!.children[0]!.children[0]!.mediators![3]!.path).toBe('api:Orders/resource[0]/in/2');

    const notXml = ws.change('apis/orders.xml', api.replace('</inSequence>', ''));
    expect(notXml.tree).toBeUndefined();
    expect(notXml.diagnostics[0]!.severity).toBe('error');
    ws.close('apis/orders.xml');
    expect(ws.state('apis/orders.xml')).toBeUndefined();
  });

  it('a document edited keystroke by keystroke reads as the same text opened afresh', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `    <property name="p${i}" value="${i}"/>\n    <log level="custom"><property name="v${i}" expression="$ctx:p${i}"/></log>`);
    let text = `<api ${NS} name="Keys" context="/keys">\n  <resource methods="POST">\n  <inSequence>\n${lines.join('\n')}\n    <respond/>\n  </inSequence>\n  </resource>\n</api>`;
    const typing = [
      (t: string) => t.replace('name="p3"', 'name="p33"'),
      (t: string) => t.replace('<log level="custom"><property name="v5"', '<log level="loud"><property name="v5"'),
      (t: string) => t.replace('    <property name="p7" value="7"/>', '    <property name="p7" value="7"/>\n    <drop/>\n    <lo'),
      (t: string) => t.replace('<lo\n', '<log/>\n'),
      (t: string) => t.replace('  <inSequence>\n', '  <inSequence>\n    <!-- typed\n    on two lines -->\n'),
      (t: string) => t.replace('value="20"/>', 'value="20"/><unknown-thing/>'),
      (t: string) => t.replace('  <resource methods="POST">', '  <resource methods="POST" uri-template="/k">'),
    ];
    const edited = new LanguageWorkspace();
    edited.open('k.xml', text);
    for (const type of typing) {
      text = type(text);
      const state = edited.change('k.xml', text);
      const fresh = new LanguageWorkspace().open('k.xml', text);
      expect({ ...state, version: 1 }).toEqual(fresh);
    }
    expect(edited.state('k.xml')!.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['SYN004', 'SYN002']));
  });

  it('an open document changes the problems of the others (a sequence created in the editor resolves a reference)', () => {
    const ws = new LanguageWorkspace();
    ws.setProjectFiles([{ uri: 'a.xml', text: `<api ${NS} name="A" context="/a"><resource methods="GET"><inSequence><sequence key="S"/></inSequence></resource></api>` }]);
    expect(ws.diagnostics('a.xml').map((d) => d.code)).toEqual(['SYN008']);
    ws.open('s.xml', `<sequence ${NS} name="S"><log/></sequence>`);
    expect(ws.diagnostics('a.xml')).toEqual([]);
    ws.close('s.xml');
    expect(ws.diagnostics('a.xml').map((d) => d.code)).toEqual(['SYN008']);
  });

  it('the squiggle covers the faulty token: the tag, or the attribute value', () => {
    const ws = new LanguageWorkspace();
    const s = ws.open('s.xml', `<sequence ${NS} name="S">\n  <log level="loud"/>\n  <property value="1"/>\n</sequence>`);
    expect(s.diagnostics.map((d) => d.range)).toEqual([
      { start: { line: 2, col: 15 }, end: { line: 2, col: 19 } },
      { start: { line: 3, col: 3 }, end: { line: 3, col: 12 } },
    ]);
  });
});

describe('completion', () => {
  const ws = new LanguageWorkspace();
  ws.setProjectFiles([
    { uri: 'seq1.xml', text: `<sequence ${NS} name="Audit"><property name="orderId" expression="$body//id"/><property name="X-Trace" scope="transport" value="1"/></sequence>` },
    { uri: 'ep.xml', text: `<endpoint ${NS} name="OrdersEP"><http method="get" uri-template="http://localhost:9/x"/></endpoint>` },
  ]);
  const at = (uri: string, textWithBar: string) => {
    const { text, at } = cursor(textWithBar);
    ws.open(uri, text);
    return ws.complete(uri, at);
  };

  it('elements allowed at the cursor: mediators in a mediator list (the whole catalog), declared children elsewhere', () => {
    const inList = at('c1.xml', `<sequence ${NS} name="C1">\n  <lo|\n</sequence>`).map((i) => i.label);
    expect(inList).toContain('log');
    expect(inList).toContain('loopback');
    expect(inList).not.toContain('resource');
    const inApi = at('c2.xml', `<api ${NS} name="C2" context="/c">\n  <|\n</api>`).map((i) => i.label);
    expect(inApi).toEqual(expect.arrayContaining(['resource']));
    expect(inApi).not.toContain('log');
    const betweenTags = at('c3.xml', `<sequence ${NS} name="C3">\n  |\n</sequence>`);
    expect(betweenTags.find((i) => i.label === 'property')!.insertText).toBe('<property name=""/>');
  });

  it('attributes of the element, without those already written, with type and help', () => {
    const items = at('c4.xml', `<sequence ${NS} name="C4"><log level="full" |/></sequence>`);
    expect(items.map((i) => i.label)).toContain('category');
    expect(items.map((i) => i.label)).not.toContain('level');
    expect(items.find((i) => i.label === 'category')!.insertText).toBe('category=""');
  });

  it('enum values, and references: known sequence and endpoint names', () => {
    expect(at('c5.xml', `<sequence ${NS} name="C5"><log level="|"/></sequence>`).map((i) => i.label)).toEqual(['simple', 'headers', 'full', 'custom']);
    const seqs = at('c6.xml', `<sequence ${NS} name="C6"><sequence key="|"/></sequence>`).map((i) => i.label);
    expect(seqs).toEqual(expect.arrayContaining(['Audit', 'main', 'fault', 'C6']));
    expect(at('c7.xml', `<sequence ${NS} name="C7"><call><endpoint key="|"/></call></sequence>`).map((i) => i.label)).toEqual(['OrdersEP']);
  });

  it('property names with their scopes in expressions and property names', () => {
    expect(at('c8.xml', `<sequence ${NS} name="C8"><log level="custom"><property name="p" expression="$ctx:ord|"/></log></sequence>`).map((i) => i.label)).toEqual(['orderId']);
    expect(at('c9.xml', `<sequence ${NS} name="C9"><log level="custom"><property name="p" expression="$trp:|"/></log></sequence>`).map((i) => i.label)).toEqual(['X-Trace']);
    expect(at('c10.xml', `<sequence ${NS} name="C10"><property name="p" expression="get-property('transport','|')"/></sequence>`).map((i) => i.label)).toEqual(['X-Trace']);
    const names = at('c11.xml', `<sequence ${NS} name="C11"><property name="|"/></sequence>`);
    expect(names.map((i) => [i.label, i.detail])).toEqual(expect.arrayContaining([['orderId', 'scope default'], ['X-Trace', 'scope transport']]));
  });
});

describe('hover', () => {
  it('shows the descriptor help of elements and attributes', () => {
    const ws = new LanguageWorkspace();
    const { text, at } = cursor(`<sequence ${NS} name="H"><lo|g level="full"/></sequence>`);
    ws.open('h.xml', text);
    const h = ws.hover('h.xml', at)!;
    expect(h.contents).toMatch(/^\*\*<log>\*\*/);
    expect(h.range.start.col).toBe(text.indexOf('log') + 1);
    const attr = ws.hover('h.xml', { line: 1, col: text.indexOf('level') + 2 })!;
    expect(attr.contents).toMatch(/\*\*level\*\* on <log>: enum/);
    expect(attr.contents).toContain('`custom`');
    expect(ws.hover('h.xml', { line: 1, col: 1 })).toBeNull();
  });
});

describe('quick fixes', () => {
  it('creates the missing sequence in the sequences folder beside the API', () => {
    const ws = new LanguageWorkspace();
    const api = `<api ${NS} name="A" context="/a">\n<resource methods="GET" inSequence="Handle"/>\n</api>`;
    const s = ws.open('src/main/wso2mi/artifacts/apis/A.xml', api);
    const d = s.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'SYN008', fixable: true });
    const [fix] = ws.codeActions('src/main/wso2mi/artifacts/apis/A.xml', d.range.start);
    expect(fix!.title).toBe("Create sequence 'Handle' (src/main/wso2mi/artifacts/sequences/Handle.xml)");
    const created = fix!.create![0]!;
    // Applying the fix clears the problem.
    ws.open(created.uri, created.text);
    expect(ws.diagnostics('src/main/wso2mi/artifacts/apis/A.xml')).toEqual([]);
    expect(ws.diagnostics(created.uri)).toEqual([]);
  });

  it('adds the missing required attribute, and renames a misspelt one', () => {
    const ws = new LanguageWorkspace();
    const text = `<sequence ${NS} name="Q">\n  <property value="1"/>\n  <log levle="full"/>\n</sequence>`;
    const s = ws.open('q.xml', text);
    const add = ws.codeActions('q.xml', s.diagnostics.find((d) => d.code === 'SYN003')!.range.start)[0]!;
    expect(add.edits[0]!.edits).toEqual([{ range: { start: { line: 2, col: 12 }, end: { line: 2, col: 12 } }, newText: ' name=""' }]);
    const rename = ws.codeActions('q.xml', s.diagnostics.find((d) => d.code === 'SEM006')!.range.start)[0]!;
    expect(rename.title).toBe("Rename 'levle' to 'level'");
    expect(rename.edits[0]!.edits[0]).toEqual({ range: { start: { line: 3, col: 8 }, end: { line: 3, col: 13 } }, newText: 'level' });
  });
});

describe('speed', () => {
  it('re-analysing a generated 2,000-line artifact costs about as much per line as a small one (no quadratic work)', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `      <property name="p${i}" expression="$ctx:p${i > 0 ? i - 1 : 0}"/>\n      <log level="custom"><property name="v${i}" value="x"/></log>`).join('\n');
    const artifact = (n: number) => `<api ${NS} name="Big" context="/big">\n  <resource methods="POST">\n    <inSequence>\n${body(n)}\n      <respond/>\n    </inSequence>\n  </resource>\n</api>`;
    const ws = new LanguageWorkspace();
    // Best of three runs: other work on the machine only ever adds time. Each run is a real change
    // (white space after the root, so the whole document is parsed again, not only an edited part).
    const time = (text: string) => {
      ws.change('big.xml', text);
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = process.hrtime.bigint();
        ws.change('big.xml', text + ' '.repeat(i + 1));
        best = Math.min(best, Number(process.hrtime.bigint() - start));
      }
      return best;
    };
    const small = artifact(100);
    const big = artifact(1000);
    expect(big.split('\n').length).toBeGreaterThan(2000);
    expect(ws.change('big.xml', big).diagnostics).toEqual([]);
    const perLineSmall = time(small) / small.split('\n').length;
    const perLineBig = time(big) / big.split('\n').length;
    expect(perLineBig / perLineSmall).toBeLessThan(4);
  });
});
