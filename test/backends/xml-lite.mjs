// A small namespace-aware XML reader/writer, enough for the SOAP stand-ins:
// elements, attributes, text, CDATA, comments, processing instructions and a
// skipped DOCTYPE. Prefixes that are not declared resolve to a null namespace
// instead of failing, because the mocks are deliberately lenient.

/**
 * @typedef {object} XmlAttribute
 * @property {string} name   qualified name as written
 * @property {string} value  entity-decoded
 */

/**
 * @typedef {object} XmlElement
 * @property {'element'} type
 * @property {string} name     qualified name as written
 * @property {string} prefix   '' when unprefixed
 * @property {string} local
 * @property {string | null} ns
 * @property {XmlAttribute[]} attrs
 * @property {Record<string, string>} scope  in-scope prefix -> namespace ('' = default)
 * @property {XmlNode[]} children
 */

/** @typedef {{ type: 'text', value: string }} XmlText */
/** @typedef {XmlElement | XmlText} XmlNode */

export class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Parses a document and returns its root element.
 * @param {string} source
 * @returns {XmlElement}
 */
export function parseXml(source) {
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** @type {XmlElement[]} */
  const stack = [];
  /** @type {XmlElement | null} */
  let root = null;

  const fail = (/** @type {string} */ message) => {
    throw new XmlSyntaxError(`${message} at offset ${i}`);
  };
  const skipPast = (/** @type {string} */ terminator) => {
    const end = source.indexOf(terminator, i);
    if (end < 0) fail(`missing ${terminator}`);
    const inner = source.slice(i, end);
    i = end + terminator.length;
    return inner;
  };
  const readName = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) fail('expected a name');
    i += /** @type {RegExpExecArray} */ (m)[0].length;
    return /** @type {RegExpExecArray} */ (m)[0];
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i])) i++;
  };
  const appendText = (/** @type {string} */ value) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (value.trim() !== '') fail('text outside the root element');
      return;
    }
    const last = parent.children[parent.children.length - 1];
    if (last && last.type === 'text') last.value += value;
    else parent.children.push({ type: 'text', value });
  };

  while (i < source.length) {
    if (source[i] !== '<') {
      const next = source.indexOf('<', i);
      const end = next < 0 ? source.length : next;
      appendText(decodeEntities(source.slice(i, end)));
      i = end;
    } else if (source.startsWith('<?', i)) {
      i += 2;
      skipPast('?>');
    } else if (source.startsWith('<!--', i)) {
      i += 4;
      skipPast('-->');
    } else if (source.startsWith('<![CDATA[', i)) {
      i += 9;
      appendText(skipPast(']]>'));
    } else if (source.startsWith('<!', i)) {
      skipDoctype();
    } else if (source.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source[i] !== '>') fail('expected >');
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`unexpected </${name}>`);
    } else {
      i++;
      const element = readStartTag();
      if (stack.length === 0) {
        if (root) fail('more than one root element');
        root = element;
      } else {
        stack[stack.length - 1].children.push(element);
      }
      if (source.startsWith('/>', i)) i += 2;
      else if (source[i] === '>') {
        i++;
        stack.push(element);
      } else fail('expected > or />');
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) fail('no root element');
  return /** @type {XmlElement} */ (root);

  function skipDoctype() {
    let depth = 0;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        i++;
        return;
      }
    }
    fail('unterminated declaration');
  }

  /** @returns {XmlElement} */
  function readStartTag() {
    const name = readName();
    /** @type {XmlAttribute[]} */
    const attrs = [];
    for (;;) {
      const before = i;
      skipSpace();
      if (source[i] === '>' || source.startsWith('/>', i)) break;
      if (i === before) fail('expected whitespace before attribute');
      const attrName = readName();
      skipSpace();
      if (source[i] !== '=') fail('expected =');
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected quoted attribute value');
      i++;
      attrs.push({ name: attrName, value: decodeEntities(skipPast(quote)) });
    }
    const parentScope = stack.length ? stack[stack.length - 1].scope : {};
    /** @type {Record<string, string>} */
    const scope = { ...parentScope };
    for (const a of attrs) {
      if (a.name === 'xmlns') scope[''] = a.value;
      else if (a.name.startsWith('xmlns:')) scope[a.name.slice(6)] = a.value;
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    const ns = prefix === 'xml' ? XML_NS : scope[prefix] || null;
    return { type: 'element', name, prefix, local, ns, attrs, scope, children: [] };
  }
}

/** @param {string} text */
export function decodeEntities(text) {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref) => {
    switch (ref) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default:
        return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    }
  });
}

/** Escapes text content. @param {string} text */
export function escapeText(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a double-quoted attribute value. @param {string} text */
export function escapeAttr(text) {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** @param {XmlElement} element @returns {XmlElement[]} */
export function childElements(element) {
  return /** @type {XmlElement[]} */ (element.children.filter((c) => c.type === 'element'));
}

/** @param {XmlElement} element */
export function firstChildElement(element) {
  return childElements(element)[0] ?? null;
}

/**
 * First child element with this local name (and namespace, when given).
 * @param {XmlElement} element
 * @param {string} local
 * @param {string} [ns]
 */
export function childNamed(element, local, ns) {
  return childElements(element).find((c) => c.local === local && (ns === undefined || c.ns === ns)) ?? null;
}

/**
 * Every descendant element with this local name, in document order.
 * @param {XmlElement} element
 * @param {string} local
 * @returns {XmlElement[]}
 */
export function descendantsNamed(element, local) {
  /** @type {XmlElement[]} */
  const found = [];
  const walk = (/** @type {XmlElement} */ e) => {
    for (const c of childElements(e)) {
      if (c.local === local) found.push(c);
      walk(c);
    }
  };
  walk(element);
  return found;
}

/** Concatenated text of an element and its descendants. @param {XmlElement} element @returns {string} */
export function textOf(element) {
  return element.children.map((c) => (c.type === 'text' ? c.value : textOf(c))).join('');
}

/**
 * Attribute value by qualified name as written.
 * @param {XmlElement} element
 * @param {string} name
 */
export function attrOf(element, name) {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}

/**
 * Serializes an element detached from its document: namespace declarations it
 * inherits from ancestors are repeated on it so the result stands alone.
 * @param {XmlElement} element
 * @returns {string}
 */
export function serializeXml(element) {
  const own = new Set(element.attrs.filter((a) => a.name === 'xmlns' || a.name.startsWith('xmlns:')).map((a) => a.name));
  /** @type {XmlAttribute[]} */
  const inherited = [];
  for (const [prefix, uri] of Object.entries(element.scope)) {
    const declName = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
    if (!own.has(declName) && uri !== XMLNS_NS) inherited.push({ name: declName, value: uri });
  }
  return write(element, [...inherited, ...element.attrs]);

  /**
   * @param {XmlElement} e
   * @param {XmlAttribute[]} attrs
   * @returns {string}
   */
  function write(e, attrs) {
    const attrText = attrs.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
    if (e.children.length === 0) return `<${e.name}${attrText}/>`;
    const inner = e.children.map((c) => (c.type === 'text' ? escapeText(c.value) : write(c, c.attrs))).join('');
    return `<${e.name}${attrText}>${inner}</${e.name}>`;
  }
}
