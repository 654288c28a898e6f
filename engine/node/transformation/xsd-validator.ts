/** XsdValidator backed by libxml2 (xmllint compiled to WebAssembly). */
import type { XsdDocument, XsdValidationResult, XsdValidator } from '../../mediators/validate/xsd.js';

export const xmllintXsdValidator: XsdValidator = {
  async validate(xml: string, schemas: XsdDocument[], resources: XsdDocument[]): Promise<XsdValidationResult> {
    // Loaded on first use: most projects never validate against XSD, and start-up stays lighter.
    const { validateXML } = await import('xmllint-wasm');
    const result = await validateXML({
      xml: { fileName: 'message.xml', contents: xml },
      schema: schemas.map((s) => ({ fileName: s.name, contents: s.text })),
      preload: resources.map((r) => ({ fileName: r.name, contents: r.text })),
      disableFileNameValidation: true,
    });
    return { valid: result.valid, errors: result.errors.map((e) => e.message.trim()) };
  },
};
