/** What hosts (the studio's FIX Try-it) use of the FIX transport: the wire codec and MI's FIX XML. */
export { encodeFix, fieldOf, FixDecoder, printable, type FixField, type FixMessage } from './codec.js';
export { fromFixXml } from './fix-xml.js';
export { utcTimestamp } from './session.js';
