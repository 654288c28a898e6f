/**
 * Converts an XPath result to the string MI prints, following
 * SynapseXPath.stringValueOf:
 * - a node-set concatenates one string per node: text nodes give their text,
 *   attributes their value, a document its root element as XML;
 * - an element gives its own direct text, trimmed, when that is its only
 *   node and that text is not blank; otherwise the element serialized as XML
 *   (which is how `$body/*` in a log property prints the payload). When the
 *   expression mentions `node()` and selects a single text node, its parent
 *   element is printed instead (MI keeps this for backward compatibility);
 * - numbers print as Java doubles ("3.0"), booleans as "true"/"false";
 * - an empty node-set is "".
 */
import { serializeXml } from '../../xml/dom.js';
import { isNodeSet, isXBoolean, isXNumber, type XValue } from './lib.js';
import { javaDoubleToString, javaTrim } from './java-text.js';

const TEXT = 3;
const CDATA = 4;
const ELEMENT = 1;
const ATTRIBUTE = 2;
const DOCUMENT = 9;

export function synapseStringValue(value: XValue, expressionMentionsNode: boolean): string {
  if (isXNumber(value)) return javaDoubleToString(value.numberValue());
  if (isXBoolean(value)) return value.booleanValue() ? 'true' : 'false';
  if (!isNodeSet(value)) return value.stringValue();
  const nodes = value.toArray();
  return nodesToString(nodes, expressionMentionsNode);
}

export function nodesToString(nodes: Node[], expressionMentionsNode: boolean): string {
  const single = nodes.length === 1;
  let out = '';
  for (let node of nodes) {
    if (single && expressionMentionsNode && (node.nodeType === TEXT || node.nodeType === CDATA) && node.parentNode?.nodeType === ELEMENT) {
      node = node.parentNode;
    }
    switch (node.nodeType) {
      case TEXT:
      case CDATA:
        out += node.nodeValue ?? '';
        break;
      case ELEMENT:
        out += elementString(node as Element, single && !expressionMentionsNode);
        break;
      case DOCUMENT: {
        const root = (node as Document).documentElement;
        if (root) out += serializeXml(root);
        break;
      }
      case ATTRIBUTE:
        out += (node as Attr).value;
        break;
      default:
        // Comments and processing instructions contribute nothing, as in MI.
        break;
    }
  }
  return out;
}

function elementString(el: Element, textOnly: boolean): string {
  const text = directText(el);
  const trimmed = javaTrim(text.replace(/\u00a0/g, ' '));
  if (trimmed.length === 0) return serializeXml(el);
  if (textOnly) return trimmed;
  // MI replaces the raw direct text inside the serialized element by its trimmed form.
  const xml = serializeXml(el);
  return text.length > 0 ? xml.split(text).join(trimmed) : xml;
}

/** Axiom's OMElement.getText(): the element's own text and CDATA children, concatenated. */
function directText(el: Element): string {
  let s = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === TEXT || n.nodeType === CDATA) s += n.nodeValue ?? '';
  return s;
}
