/**
 * The meaning checks the language service adds to the engine's own
 * diagnostics. `meaningChecks` is shared with `mediate validate`;
 * `referenceProblems` is what deployment already reports there.
 */
import type { ConfigDiagnostic } from '../../../../engine/index.js';
import type { Analysis } from '../analyse.js';
import type { ProjectIndex } from '../project-index.js';
import { unreachableMediators } from './unreachable.js';
import { deprecatedForms } from './deprecated.js';
import { unknownAttributes } from './unknown-attributes.js';
import { apiClashes } from './api-clashes.js';

export { referenceProblems } from './references.js';

export function meaningChecks(a: Analysis, index: ProjectIndex): ConfigDiagnostic[] {
  return [...unknownAttributes(a), ...unreachableMediators(a), ...deprecatedForms(a), ...apiClashes(a, index)];
}
