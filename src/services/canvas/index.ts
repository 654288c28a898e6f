/** The canvas backend: flow model, palette and forms, graphical edits as minimal text edits. */
export { NodeCanvasService, minimalEdits } from './canvas-service.js';
export { analyseDocument, type DocumentModel } from './document-model.js';
export { applyEdit, copyText, CanvasEditError, type Snippets } from './edits.js';
export { buildCatalog } from './catalog.js';
export { scanXml } from './xml-scan.js';
