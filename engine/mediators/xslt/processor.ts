/**
 * XSLT runs on a host facility (SaxonJS, XSLT 1.0/2.0/3.0, under
 * engine/node/transformation) installed once per process with
 * provideXsltProcessor. Without one, the xslt mediator faults.
 */
export interface XsltDocument {
  /** The name xsl:import/xsl:include use in href. */
  name: string;
  text: string;
}

export interface XsltRequest {
  stylesheet: XsltDocument;
  /** The source tree, serialized. */
  source: string;
  /** Stylesheet parameters (xsl:param), as strings. */
  params: ReadonlyArray<readonly [string, string]>;
  /** Documents the stylesheet imports or includes, by href. */
  resources: readonly XsltDocument[];
}

/** The stylesheet could not be compiled or failed while running; `message` is the processor's. */
export class XsltError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'XsltError';
  }
}

export interface XsltProcessor {
  /** Serialized result (no XML declaration). Throws XsltError. */
  transform(request: XsltRequest): Promise<string>;
}

let installed: XsltProcessor | undefined;

export function provideXsltProcessor(p: XsltProcessor | undefined): void {
  installed = p;
}

export function xsltProcessor(): XsltProcessor | undefined {
  return installed;
}
