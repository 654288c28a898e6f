/**
 * XML Schema validation is done by a host facility (libxml2 compiled to
 * WebAssembly under engine/node/transformation), installed once per process
 * with provideXsdValidator. Without one, XSD validation faults.
 */
export interface XsdDocument {
  /** Name other schemas use in xs:import/xs:include schemaLocation. */
  name: string;
  text: string;
}

export interface XsdValidationResult {
  valid: boolean;
  /** Messages without file names, first error first. */
  errors: string[];
}

export interface XsdValidator {
  /** `schemas[0..]` are the schemas the document must satisfy; `resources` are what they import. */
  validate(xml: string, schemas: XsdDocument[], resources: XsdDocument[]): Promise<XsdValidationResult>;
}

let installed: XsdValidator | undefined;

export function provideXsdValidator(v: XsdValidator | undefined): void {
  installed = v;
}

export function xsdValidator(): XsdValidator | undefined {
  return installed;
}
