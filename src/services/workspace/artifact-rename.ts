/**
 * Renaming an artifact: the runtime name lives in the root element's `name`
 * attribute (`key` for local entries, the `<name>` child for data sources).
 * The edit touches only that value, so formatting, comments and everything
 * else in the file stay as they were. References in other files are found,
 * not rewritten: the user decides what to change.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactKind, ArtifactReference } from '../../contract/index.js';
import { tokenizeXml } from '../format/xml-tokens.js';

function escapeAttr(value: string, quote: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return quote === '"' ? escaped.replace(/"/g, '&quot;') : escaped.replace(/'/g, '&apos;');
}

/** Sets the artifact's runtime name in its text; undefined when the file has no place for it. */
export function withArtifactName(text: string, kind: ArtifactKind, newName: string): string | undefined {
  let tokens;
  try {
    tokens = tokenizeXml(text);
  } catch {
    return undefined;
  }
  let offset = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'start' || token.type === 'empty') {
      if (kind === 'data-source') return withDataSourceName(text, tokens.slice(index), offset, newName);
      const attribute = kind === 'local-entry' ? 'key' : 'name';
      const match = new RegExp(`(\\s${attribute}\\s*=\\s*)(["'])([^"']*)\\2`).exec(token.raw);
      if (!match) return undefined;
      const valueStart = offset + match.index + match[1].length + 1;
      return text.slice(0, valueStart) + escapeAttr(newName, match[2]) + text.slice(valueStart + match[3].length);
    }
    offset += token.raw.length;
  }
  return undefined;
}

/** A data source names itself in its first `<name>` child element. */
function withDataSourceName(text: string, tokens: ReturnType<typeof tokenizeXml>, offset: number, newName: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'start') depth++;
    if (token.type === 'end') depth--;
    if (token.type === 'start' && depth === 2 && token.name === 'name' && tokens[i + 1]?.type === 'text' && tokens[i + 2]?.type === 'end') {
      const valueStart = offset + token.raw.length;
      const old = tokens[i + 1].raw;
      return text.slice(0, valueStart) + newName.replace(/&/g, '&amp;').replace(/</g, '&lt;') + text.slice(valueStart + old.length);
    }
    offset += token.raw.length;
  }
  return undefined;
}

const SEARCHED = /\.(xml|dbs|yaml|yml|properties|json)$/i;
const SKIPPED_DIRS = new Set(['node_modules', 'target', '.git', '.mediate']);
const MAX_FILES = 5000;

/**
 * Lines of the project's source files (except `exceptPath`) that use `name` as a whole
 * value: an attribute value, element text or a registry-style key ending in it.
 */
export async function findReferences(root: string, name: string, exceptPath: string): Promise<ArtifactReference[]> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(["'>:/])${escaped}(["'<]|\\.xml["'<])`);
  const found: ArtifactReference[] = [];
  let seen = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (seen >= MAX_FILES) return;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(file);
        continue;
      }
      if (!SEARCHED.test(entry.name)) continue;
      seen++;
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (relative === exceptPath) continue;
      const lines = (await readFile(file, 'utf8').catch(() => '')).split(/\r?\n/);
      lines.forEach((line, i) => {
        if (pattern.test(line)) found.push({ path: relative, line: i + 1, text: line.trim().slice(0, 200) });
      });
    }
  };
  await walk(root);
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
