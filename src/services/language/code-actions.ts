/** Quick fixes as text edits: create the missing sequence, add a missing required attribute, fix a misspelt attribute. */
import type { CodeAction, LanguageDiagnostic } from '../../contract/language.js';
import type { Analysis } from './analyse.js';
import { escapeAttr } from './text.js';

const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';

/** Folders the project layouts keep artifacts in; a new sequence goes to the `sequences` sibling. */
const ARTIFACT_FOLDERS = /\/(apis|api|proxy-services|sequences|endpoints|templates|local-entries|inbound-endpoints)$/;

export const FIXABLE_CODES = new Set(['SYN003', 'SYN008', 'SEM006']);

export function codeActions(a: Analysis, diagnostics: readonly LanguageDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.code === 'SYN008') {
      const m = /^sequence '([^']+)' is not defined/.exec(d.message);
      if (m) out.push(createSequence(a.uri, m[1]!));
    } else if (d.code === 'SYN003') {
      const m = /^<([\w.-]+)> is missing the required attribute '([\w.:-]+)'/.exec(d.message);
      if (m) {
        const fix = addAttribute(a, d, m[2]!);
        if (fix) out.push(fix);
      }
    } else if (d.code === 'SEM006') {
      const m = /^unknown attribute '([\w.:-]+)' .*did you mean '([\w.:-]+)'/.exec(d.message);
      if (m) out.push({ title: `Rename '${m[1]}' to '${m[2]}'`, fixes: 'SEM006', edits: [{ uri: a.uri, edits: [{ range: { start: d.range.start, end: { line: d.range.start.line, col: d.range.start.col + m[1]!.length } }, newText: m[2]! }] }] });
    }
  }
  return out;
}

function createSequence(uri: string, name: string): CodeAction {
  const dir = uri.includes('/') ? uri.slice(0, uri.lastIndexOf('/')) : '';
  const folder = ARTIFACT_FOLDERS.test(`/${dir}`) ? `${dir.replace(ARTIFACT_FOLDERS, '').replace(/^\//, '')}${dir.replace(ARTIFACT_FOLDERS, '') ? '/' : ''}sequences` : dir;
  const target = `${folder ? `${folder}/` : ''}${name}.xml`;
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<sequence xmlns="${SYNAPSE_NS}" name="${escapeAttr(name)}">\n</sequence>\n`;
  return { title: `Create sequence '${name}' (${target})`, fixes: 'SYN008', edits: [], create: [{ uri: target, text }] };
}

/** Inserts ` attr=""` right after the element name of the tag the diagnostic points at. */
function addAttribute(a: Analysis, d: LanguageDiagnostic, attr: string): CodeAction | undefined {
  const start = a.lines.offsetOf(d.range.start);
  if (a.text[start] !== '<') return undefined;
  let end = start + 1;
  while (end < a.text.length && /[^\s/>]/.test(a.text[end]!)) end++;
  const at = a.lines.positionOf(end);
  return { title: `Add the required attribute '${attr}'`, fixes: 'SYN003', edits: [{ uri: a.uri, edits: [{ range: { start: at, end: at }, newText: ` ${attr}=""` }] }] };
}
