/**
 * What an expression may read from the message being mediated. The runtime's
 * MessageContext implements this; tests implement it with plain data.
 * Expressions never write.
 */

/** Property scopes readable from expressions (`get-property(scope, name)`, `$ctx:` ...). */
export type PropertyScope =
  | 'default'
  | 'axis2'
  | 'axis2-client'
  | 'transport'
  | 'operation'
  | 'registry'
  | 'system'
  | 'env'
  | 'file'
  | 'func'
  | 'trace'
  | 'analytics';

export interface ExprContext {
  /**
   * The SOAP envelope of the current message as a DOM Document (xmldom). JSON
   * payloads appear as `<jsonObject>` (or `<jsonArray>`) in the body, text as
   * `<text xmlns="http://ws.apache.org/commons/ns/payload">`, as MI shows them.
   * Callers must not modify it.
   */
  envelope(): Document;
  /** The payload as JSON (XML converted with MI's rules); undefined when the message has no body. */
  payloadJson(): unknown;
  /**
   * A property. For scope 'default' this also answers the message-level
   * names MI's get-property knows (To, MessageID, SYSTEM_TIME, ...) and falls
   * back to a local entry of that key. Undefined when absent.
   */
  getProperty(scope: PropertyScope, name: string): unknown;
  /** A variable (MI 4.4 `<variable>`); undefined when absent. */
  getVariable(name: string): unknown;
  /** Incoming/outgoing transport header, case-insensitive. */
  getHeader(name: string): string | undefined;
  /** All transport headers (names as received). */
  headers(): Record<string, string>;
  /** A query parameter of the request URL (`$url:`), URL-decoded. */
  getQueryParam(name: string): string | undefined;
  /** A path parameter captured by the uri-template (`uri.var.<name>`). */
  getPathParam(name: string): string | undefined;
  /** A parameter of the sequence template being executed (`$func:`). */
  getFuncParam(name: string): unknown;
  /** A config value (`configs.<key>`: config.properties, then environment, then system properties). */
  getConfig(name: string): string | undefined;
  /** Registry resource text by key (`gov:`/`conf:` or a path); undefined when absent. */
  getRegistryResource(key: string): string | undefined;
  /** A property of a registry resource. */
  getRegistryProperty(key: string, property: string): string | undefined;
  /** Current time in ms since the epoch (tests may fix it). */
  now(): number;
}
