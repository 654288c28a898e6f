/**
 * Installs the Node-backed facilities the transformation mediators use:
 * XML Schema validation (libxml2/WebAssembly) and XSLT (SaxonJS). Call once per process before
 * deploying (the runtime host and tests do).
 */
import { provideXsdValidator } from '../../mediators/validate/xsd.js';
import { xmllintXsdValidator } from './xsd-validator.js';
import { provideXsltProcessor } from '../../mediators/xslt/processor.js';
import { saxonXsltProcessor } from './saxon-xslt.js';

export function installTransformationAdapters(): void {
  provideXsdValidator(xmllintXsdValidator);
  provideXsltProcessor(saxonXsltProcessor);
}
