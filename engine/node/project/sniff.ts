import type { ArtifactKind } from './types.js';

/** What a cheap look at the first start tag of an XML text tells. */
export interface RootSniff {
  /** Local name of the first start tag. */
  localName: string;
  /** Attributes of that start tag that could be read (unquoted/broken ones are skipped). */
  attributes: Record<string, string>;
}

/**
 * Finds the first start tag without building a DOM, skipping the XML declaration,
 * processing instructions, comments and DOCTYPE. Never throws: broken text yields
 * undefined when no start tag can be found.
 */
export function sniffRoot(text: string): RootSniff | undefined {
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return undefined;
    const rest = text.slice(lt, lt + 9);
    if (rest.startsWith('<?')) {
      pos = skipPast(text, lt, '?>');
    } else if (rest.startsWith('<!--')) {
      pos = skipPast(text, lt, '-->');
    } else if (rest.startsWith('<![CDATA[')) {
      pos = skipPast(text, lt, ']]>');
    } else if (rest.startsWith('<!')) {
      pos = skipPast(text, lt, '>');
    } else {
      return readStartTag(text, lt);
    }
    if (pos < 0) return undefined;
  }
}

function skipPast(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

const NAME = /^<([A-Za-z_][\w.\-]*)(?::([A-Za-z_][\w.\-]*))?/;
const ATTRIBUTE = /([A-Za-z_][\w.\-:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

function readStartTag(text: string, lt: number): RootSniff | undefined {
  const head = NAME.exec(text.slice(lt, lt + 200));
  if (!head) return undefined;
  const localName = head[2] ?? head[1]!;
  const close = text.indexOf('>', lt);
  const tag = text.slice(lt + head[0].length, close < 0 ? Math.min(text.length, lt + 4000) : close);
  const attributes: Record<string, string> = {};
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const name = m[1]!;
    if (!(name in attributes)) attributes[name] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return { localName, attributes };
}

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (all, ent: string) => {
    switch (ent) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: {
        const code = ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : all;
      }
    }
  });
}

const KIND_BY_ROOT: Record<string, ArtifactKind> = {
  api: 'api',
  proxy: 'proxy',
  sequence: 'sequence',
  endpoint: 'endpoint',
  localEntry: 'local-entry',
  template: 'template',
  inboundEndpoint: 'inbound-endpoint',
  task: 'task',
  messageStore: 'message-store',
  messageProcessor: 'message-processor',
  data: 'data-service',
  datasource: 'data-source',
};

/** Artifact kind for a root element local name, or undefined when it is not a Synapse artifact. */
export function kindOfRoot(localName: string): ArtifactKind | undefined {
  return Object.hasOwn(KIND_BY_ROOT, localName) ? KIND_BY_ROOT[localName] : undefined;
}

/** Runtime name an artifact root declares: `key` for local entries, else `name`. */
export function declaredName(kind: ArtifactKind, sniff: RootSniff | undefined): string | undefined {
  if (!sniff) return undefined;
  const value = kind === 'local-entry' ? sniff.attributes['key'] : sniff.attributes['name'];
  return value && value.trim() !== '' ? value : undefined;
}
