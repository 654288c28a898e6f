/** The language service (issue 5): live problems, syntax tree, completion, hover, quick fixes, XSD export. */
export { createLanguageService } from './service.js';
export { LanguageWorkspace, type SourceText } from './workspace.js';
export { projectMeaningChecks } from './project-checks.js';
export { catalogXsdSet } from './xsd-export.js';
