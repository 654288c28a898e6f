/**
 * MI's two views of a JSON payload: the XML element XML-based mediators see
 * (JsonStreamBuilder, i.e. staxon's JSON reader without processing
 * instructions) and the JSON the JSON formatter writes from an XML body
 * (staxon's JSON writer with autoArray, autoPrimitive and multiplePI on, and
 * namespaces dropped — MI's defaults).
 *
 * JSON → XML (jsonToXmlElement):
 *  - the root is `<jsonObject>` for an object, `<jsonArray>` for an array
 *    whose items are `<jsonElement>`s;
 *  - a member becomes a child element named after the key (see json-names.ts
 *    for `$`/digit keys); an array member becomes one element per item and
 *    vanishes when empty; an array directly inside an array becomes
 *    `<jsonArray>` holding `<jsonElement>`s inside the item element;
 *  - `null`, `""` and `{}` become an empty element; numbers are written as
 *    spelled in the source (json-numbers.ts); `true`/`false` as words;
 *  - a key `@name` becomes an attribute, the key `$` the element's text
 *    (staxon's convention, which MI inherits);
 *  - an empty key, an attribute key with an object/array value, or text with
 *    characters XML 1.0 cannot carry throw JsonXmlConversionError.
 *
 * XML → JSON (xmlElementToJson):
 *  - attributes become `"@localName"` members (prefix and namespace dropped,
 *    values stay strings), child elements members named by local name;
 *    namespace declarations are not written;
 *  - text of an element without attributes or children is the value; with
 *    attributes it is the member `"$"`; an element with neither text nor
 *    children is null (`{}` if it only has attributes);
 *  - text and child elements mixed (non-whitespace text) is an error in MI
 *    ("Mixed content is not supported"); whitespace-only text is ignored;
 *  - consecutive siblings with the same name become an array; one element
 *    stays a scalar/object unless `<?xml-multiple name?>` precedes it (a PI
 *    naming an element that does not follow gives `[]`; `<?xml-multiple?>`
 *    without a name makes the next element an array);
 *  - siblings with the same name that are not adjacent are written by MI as
 *    duplicate keys; here the later value wins at the first position, which
 *    is what a JSON parser reading MI's output gets;
 *  - element text is autoPrimitive-converted: `true`/`false` → boolean,
 *    `null` → null, text matching `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?` →
 *    number printed as Java's BigDecimal prints it (`7000.0` and `25.0000`
 *    keep their digits, `1e5` → `1E+5`); anything else (`007`, `+1`, `.5`,
 *    ` 5`, `True`) stays a string. Attribute values are never converted;
 *  - a member named `jsonObject`, `jsonArray` or `jsonElement` that is the
 *    first member of its object replaces that object (this is how the
 *    wrappers disappear: `<jsonArray><jsonElement>1</jsonElement>
 *    <jsonElement>2</jsonElement></jsonArray>` → `[1,2]`). When other members
 *    follow it MI writes malformed JSON; we keep the object as it is.
 * Not modelled: synapse.commons.json.preserve.namespace and
 * output.enableNSDeclarations (namespaces are always dropped),
 * enableXmlNilReadWrite (xsi:nil), the customReplaceRegex variant.
 */

export { JsonXmlConversionError } from './json-conversion-error.js';
export { jsonToXmlElement, type JsonToXmlOptions } from './json-to-xml.js';
export { xmlElementToJson, xmlElementToJsonText, type XmlToJsonOptions } from './json-from-xml.js';
export { JsonSyntaxError, jsonPayloadKind, parseJsonText, serializeJson } from './json-text.js';
