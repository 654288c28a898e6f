/**
 * Property tests of form edits and endpoint-tree edits over every artifact of
 * the MI documentation corpus and the samples: each edit's text edits explain
 * the new text exactly, fall inside the edited element's lines, keep every
 * comment elsewhere byte for byte, and the result still parses.
 */
import { describe, it, expect } from 'vitest';
import type { CanvasTextEdit, FlowElement, OffsetRange } from '../../contract/canvas.js';
import { analyseDocument, type DocumentModel, type ItemInfo, type ListInfo } from './document-model.js';
import { corpusDocuments, errorsOf, applied, lineSpan, run, sample } from './test-support.js';
import { descend, type EditOutcome } from './splices.js';
import { scanXml } from './xml-scan.js';

const documents = corpusDocuments();

/** Applying the returned edits to the old text gives the new text; they are the only changed bytes. */
const expectEditsExplain = (before: string, after: string, edits: CanvasTextEdit[]) => expect(applied(before, edits)).toBe(after);

function comments(text: string): string[] {
  return (scanXml(text)?.opaque ?? []).filter((o) => text.startsWith('<!--', o.start)).map((o) => text.slice(o.start, o.end));
}

/** The edits lie inside `range`, and every comment outside it is still there. */
function expectConfined(text: string, out: EditOutcome, range: OffsetRange) {
  expectEditsExplain(text, out.text, out.edits);
  for (const e of out.edits) {
    expect(e.start).toBeGreaterThanOrEqual(range.start);
    expect(e.end).toBeLessThanOrEqual(range.end);
  }
  const kept = comments(text.slice(0, range.start) + text.slice(range.end));
  const after = comments(out.text);
  for (const c of kept) expect(after).toContain(c);
}

/** Paths (`property[1]`) of an element list, as the form addresses them. */
function paths(children: FlowElement[], base = ''): { path: string; el: FlowElement }[] {
  const seen = new Map<string, number>();
  return children.map((el) => {
    const i = seen.get(el.local) ?? 0;
    seen.set(el.local, i + 1);
    return { path: `${base}${el.local}[${i}]`, el };
  });
}

const memberLists = (doc: DocumentModel): ListInfo[] => [...doc.lists.values()].filter((l) => l.holds === 'endpoints');

describe('form and endpoint-tree edits over the corpus', () => {
  it('finds endpoint trees and child elements to edit', () => {
    expect(documents.filter(({ doc }) => memberLists(doc).length > 0).length).toBeGreaterThanOrEqual(4);
    expect(documents.filter(({ doc }) => [...doc.lists.values()].some((l) => l.holds === 'endpoint')).length).toBeGreaterThan(20);
  });

  for (const { file, doc } of documents) {
    const text = doc.text;
    const errorsBefore = new Set(errorsOf(doc));
    const newErrors = (after: DocumentModel) => errorsOf(after).filter((e) => !errorsBefore.has(e));
    const parsed = (out: EditOutcome) => {
      const after = analyseDocument(out.text);
      expect(after.model.ok).toBe(true);
      return after;
    };
    const groups = memberLists(doc);
    const roots = [...doc.lists.values()].filter((l) => l.holds === 'endpoint');
    const withChildren = sample(
      [...doc.items.values()].filter((i) => i.element && i.flow.children?.length),
      6,
    );
    if (!groups.length && !roots.length && !withChildren.length) continue;

    describe(file, () => {
      if (groups.length) {
        it('inserts, deletes, moves and re-kinds members of endpoint groups, touching only their lines', () => {
          for (const list of groups) {
            const container = { start: list.container.start, end: list.container.end };
            for (const index of [0, list.items.length]) {
              const out = run(doc, { op: 'insert', list: list.id, index, kind: 'endpoint:address' });
              expectConfined(text, out, container);
              const after = parsed(out);
              expect(newErrors(after)).toEqual([]);
              expect(after.lists.get(list.id)?.items.length).toBe(list.items.length + 1);
            }
            for (const member of list.items) {
              const removed = run(doc, { op: 'delete', node: member.id });
              expectConfined(text, removed, lineSpan(text, member.range));
              expect(parsed(removed).lists.get(list.id)?.items.length).toBe(list.items.length - 1);

              const rekinded = run(doc, { op: 'replaceElement', node: member.id, element: '', kind: 'endpoint:http' });
              expectConfined(text, rekinded, member.range);
              const afterKind = parsed(rekinded);
              expect(afterKind.items.get(member.id)?.kind).toBe('endpoint:http');
              expect(newErrors(afterKind)).toEqual([]);

              const named = run(doc, { op: 'setAttribute', node: member.id, name: 'name', value: 'renamed_by_form' });
              expectConfined(text, named, { start: member.range.start, end: member.element!.startTagEnd });
              expect(parsed(named).items.get(member.id)?.flow.attrs.name).toBe('renamed_by_form');
            }
            if (list.items.length > 1) {
              const first = list.items[0]!;
              const moved = run(doc, { op: 'move', node: first.id, list: list.id, index: list.items.length - 1 });
              expectConfined(text, moved, container);
              const after = parsed(moved);
              expect(newErrors(after)).toEqual([]);
              expect(after.lists.get(list.id)!.items.at(-1)!.flow.endpoint).toEqual(first.flow.endpoint);
            }
          }
        });
      }

      if (roots.length) {
        it('changes the kind of an endpoint artifact or proxy target endpoint, keeping its name', () => {
          for (const list of roots) {
            const root = list.items[0]!;
            for (const kind of ['endpoint:address', 'endpoint:failover']) {
              const out = run(doc, { op: 'replaceElement', node: root.id, element: '', kind });
              expectConfined(text, out, root.range);
              const after = parsed(out);
              expect(after.model.name).toBe(doc.model.name);
              expect(after.items.get(root.id)?.kind).toBe(kind);
              expect(newErrors(after)).toEqual([]);
            }
          }
        });
      }

      if (withChildren.length) {
        it('edits child elements as forms do, inside that element only', () => {
          for (const item of withChildren) {
            checkChildren(item);
          }
        });
      }
    });

    function checkChildren(item: ItemInfo) {
      const owner = item.element!;
      for (const { path, el } of paths(item.flow.children!).slice(0, 4)) {
        const scanned = descend(owner, path);
        const range = { start: scanned.start, end: scanned.end };
        const startTag = { start: scanned.start, end: scanned.startTagEnd };

        const attr = Object.keys(el.attrs)[0];
        if (attr) {
          const set = run(doc, { op: 'setAttributes', node: item.id, element: path, values: { [attr]: `${el.attrs[attr]}-edited` } });
          expectConfined(text, set, startTag);
          parsed(set);
        }

        if (el.text !== undefined) {
          const out = run(doc, { op: 'setContent', node: item.id, element: path, text: `${el.text} edited & <checked>` });
          expectConfined(text, out, range);
          const after = parsed(out).items.get(item.id);
          expect(after && childAt(after.flow.children ?? [], path)?.text).toBe(`${el.text} edited & <checked>`);
        } else if (el.inner !== undefined) {
          expect(run(doc, { op: 'setContent', node: item.id, element: path, xml: el.inner }).edits).toEqual([]);
        }

        const removed = run(doc, { op: 'removeElement', node: item.id, element: path });
        expectConfined(text, removed, lineSpan(text, range));
        parsed(removed);

        const siblings = item.flow.children!.length;
        const position = paths(item.flow.children!).findIndex((p) => p.path === path);
        const copy = text.slice(scanned.start, scanned.end);
        const duplicated = run(doc, { op: 'insertElement', node: item.id, index: position + 1, xml: copy });
        expectConfined(text, duplicated, { start: owner.start, end: owner.end });
        expect(duplicated.edits).toHaveLength(1);
        expect(parsed(duplicated).items.get(item.id)?.flow.children).toHaveLength(siblings + 1);

        if (siblings > 1) {
          const moved = run(doc, { op: 'moveElement', node: item.id, element: path, index: siblings - 1 });
          expectConfined(text, moved, { start: owner.start, end: owner.end });
          const after = parsed(moved).items.get(item.id)?.flow.children ?? [];
          expect(after.map((c) => c.local).sort()).toEqual(item.flow.children!.map((c) => c.local).sort());
          expect(after.at(-1)?.attrs).toEqual(el.attrs);
        }
      }
    }
  }
});

function childAt(children: FlowElement[], path: string): FlowElement | undefined {
  return paths(children).find((p) => p.path === path)?.el;
}
