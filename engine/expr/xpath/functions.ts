/**
 * The functions an XPath expression may call in MI: XPath 1.0's core library
 * (from the `xpath` package), Synapse's extensions (get-property,
 * base64Encode/Decode, url-encode, hmac-generate) and the handful of XPath
 * 2.0 functions people rely on through MI's Saxon fail-over
 * (xpath2-functions.ts). Names are looked up by local name: MI resolves
 * its extensions by local name whatever the prefix, and `fn:` is accepted on
 * every function.
 *
 * Functions read the message through `c[MESSAGE]`, set once per evaluation.
 */
import { base64Decode, base64Encode, utf8 } from '../../core/bytes.js';
import type { ExprContext, PropertyScope } from '../context.js';
import { lib, xstring, type AstNode, type FunctionResolver, type XPathContext, type XValue } from './lib.js';
import { decodeBytes, encodeString } from './charset.js';
import { encodePathQuery } from './url-encode.js';
import { hmac, toHex } from './hmac.js';
import { formatJavaDate } from './java-date-format.js';
import { javaTrim } from './java-text.js';
import { XPATH2_FUNCTIONS } from './xpath2-functions.js';
import { fault, str, type Impl } from './support.js';
import { toXValue } from './values.js';

export const MESSAGE = 'mediateMessage';

const CORE = new Set([
  'last', 'position', 'count', 'id', 'local-name', 'namespace-uri', 'name', 'string', 'concat', 'starts-with', 'contains',
  'substring-before', 'substring-after', 'substring', 'string-length', 'normalize-space', 'translate', 'boolean', 'not',
  'true', 'false', 'lang', 'number', 'sum', 'floor', 'ceiling', 'round',
]);

/** Core functions that read the context node when called without arguments. */
export const CONTEXT_NODE_FUNCTIONS = new Set(['local-name', 'namespace-uri', 'name', 'string', 'string-length', 'normalize-space', 'number', 'lang']);

/** Functions MI offers that need facilities this engine does not have; calling them is a runtime fault. */
const UNAVAILABLE: Record<string, string> = {
  'vault-lookup': 'the secure vault is not available in this runtime',
  encrypt: 'keystore-based encryption is not available in this runtime',
  decrypt: 'keystore-based decryption is not available in this runtime',
};

const GET_PROPERTY_SCOPES = new Set(['default', 'axis2', 'axis2-client', 'transport', 'operation', 'registry', 'system', 'env', 'file', 'func']);

function encoderFor(charset: string): (s: string) => Uint8Array {
  return (s) => {
    const bytes = encodeString(s, charset);
    if (!bytes) throw fault(`Unsupported charset: ${charset}`);
    return bytes;
  };
}

function decode(bytes: Uint8Array, charset: string): string {
  const s = decodeBytes(bytes, charset);
  if (s === undefined) throw fault(`Unsupported charset: ${charset}`);
  return s;
}

function getProperty(ctx: ExprContext, args: XValue[]): XValue {
  if (args.length === 0) return xstring('');
  if (args.length > 3) throw fault('Invalid arguments for get-property(prop-name) or get-property(scope, prop-name)');
  let scope = 'default';
  let keyArg = args[0]!;
  let format: string | undefined;
  if (args.length === 2) {
    const first = str(args[0]);
    if (GET_PROPERTY_SCOPES.has(first)) {
      scope = first;
      keyArg = args[1]!;
    } else {
      // get-property('SYSTEM_DATE', 'yyyy-MM-dd'): a non-scope first argument means (name, date format)
      format = str(args[1]);
    }
  } else if (args.length === 3) {
    scope = str(args[0]);
    keyArg = args[1]!;
    format = str(args[2]);
  }
  const key = str(keyArg);
  if (key === '') return xstring('');
  // SYSTEM_DATE and SYSTEM_TIME answer in every scope, as in MI.
  if (key === 'SYSTEM_DATE') {
    if (format !== undefined) {
      try {
        return xstring(formatJavaDate(ctx.now(), format));
      } catch (e) {
        throw fault(`Invalid date format '${format}' in get-property('SYSTEM_DATE'): ${(e as Error).message}`, e);
      }
    }
    return toXValue(ctx.getProperty('default', 'SYSTEM_DATE'), ctx);
  }
  if (key === 'SYSTEM_TIME') return xstring(String(ctx.now()));
  switch (scope) {
    case 'transport':
      return toXValue(ctx.getHeader(key), ctx);
    case 'func':
      return toXValue(ctx.getFuncParam(key), ctx);
    case 'registry': {
      const at = key.indexOf('@');
      return toXValue(at >= 0 ? ctx.getRegistryProperty(key.slice(0, at), key.slice(at + 1)) : ctx.getRegistryResource(key), ctx);
    }
    case 'default':
    case 'axis2':
    case 'axis2-client':
    case 'operation':
    case 'system':
    case 'env':
    case 'file':
      return toXValue(ctx.getProperty(scope as PropertyScope, key), ctx);
    default:
      // MI logs "Invalid scope" and answers the empty string.
      return xstring('');
  }
}

function base64EncodeFn(_ctx: ExprContext, args: XValue[]): XValue {
  if (args.length === 0 || args.length > 2) return xstring('');
  const value = str(args[0]);
  if (value === '') return xstring('');
  return xstring(base64Encode(encoderFor(args.length === 2 ? str(args[1]) : 'UTF-8')(value)));
}

function base64DecodeFn(_ctx: ExprContext, args: XValue[]): XValue {
  if (args.length === 0 || args.length > 2) return xstring('');
  const value = str(args[0]);
  if (value === '') return xstring('');
  const charset = args.length === 2 ? str(args[1]) : 'UTF-8';
  encoderFor(charset); // validates the charset before decoding, as MI does
  return xstring(javaTrim(decode(base64Decode(value), charset)));
}

function urlEncodeFn(_ctx: ExprContext, args: XValue[]): XValue {
  if (args.length === 0 || args.length > 2) return xstring('');
  const value = str(args[0]);
  if (value === '') return xstring('');
  return xstring(encodePathQuery(value, encoderFor(args.length === 2 ? str(args[1]) : 'UTF-8')));
}

function hmacGenerateFn(_ctx: ExprContext, args: XValue[]): XValue {
  if (args.length !== 2 && args.length !== 3) return xstring('');
  const algorithm = args.length === 3 ? str(args[2]) : 'HmacSHA1';
  const mac = hmac(algorithm, utf8(str(args[1])), utf8(str(args[0])));
  if (!mac) throw fault(`Error while generating HMAC signature: unsupported algorithm ${algorithm}`);
  return xstring(toHex(mac));
}

const SYNAPSE_FUNCTIONS: Record<string, Impl> = {
  'get-property': getProperty,
  base64Encode: base64EncodeFn,
  base64Decode: base64DecodeFn,
  'url-encode': urlEncodeFn,
  'hmac-generate': hmacGenerateFn,
  ...XPATH2_FUNCTIONS,
};

export type FunctionKind = 'core' | 'synapse' | 'unavailable' | 'unknown';

export function functionKind(localName: string): FunctionKind {
  if (CORE.has(localName)) return 'core';
  if (SYNAPSE_FUNCTIONS[localName]) return 'synapse';
  if (UNAVAILABLE[localName]) return 'unavailable';
  return 'unknown';
}

function messageOf(c: XPathContext): ExprContext {
  return c[MESSAGE] as ExprContext;
}

function build(): FunctionResolver {
  const resolver = new lib.FunctionResolver();
  for (const [name, impl] of Object.entries(SYNAPSE_FUNCTIONS)) {
    resolver.addFunction('', name, (c: XPathContext, ...args: AstNode[]) => impl(messageOf(c), args.map((a) => a.evaluate(c)), c));
  }
  for (const [name, reason] of Object.entries(UNAVAILABLE)) {
    resolver.addFunction('', name, () => {
      throw fault(`XPath function ${name}() cannot be evaluated: ${reason}`);
    });
  }
  return resolver;
}

/** One resolver for every evaluation: the functions are pure apart from the message they read from the context. */
export const functionResolver = build();
