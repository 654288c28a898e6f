/** XsdValidator backed by libxml2 (xmllint compiled to WebAssembly). */
import { validateXML } from 'xmllint-wasm';
import type { XsdDocument, XsdValidationResult, XsdValidator } from '../../mediators/validate/xsd.js';

export const xmllintXsdValidator: XsdValidator = {
  async validate(xml: string, schemas: XsdDocument[], resources: XsdDocument[]): Promise<XsdValidationResult> {
    const result = await validateXML({
      xml: { fileName: 'message.xml', contents: xml },
      schema: schemas.map((s) => ({ fileName: s.name, contents: s.text })),
      preload: resources.map((r) => ({ fileName: r.name, contents: r.text })),
      disableFileNameValidation: true,
    });
    return { valid: result.valid, errors: result.errors.map((e) => e.message.trim()) };
  },
};
