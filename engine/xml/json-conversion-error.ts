/** A payload that MI cannot convert between JSON and XML (MI faults the mediation there too). */
export class JsonXmlConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonXmlConversionError';
  }
}
