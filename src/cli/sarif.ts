/**
 * SARIF 2.1.0 output of `mediate validate`, so code-review tools can show the
 * problems on the lines they concern.
 */
import path from 'node:path';
import type { ConfigDiagnostic } from '../../engine/index.js';

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(diagnostics: readonly ConfigDiagnostic[], baseDir: string, version: string): object {
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mediate', version, informationUri: 'https://github.com/mediate-studio/mediate', rules: ruleIds.map((id) => ({ id })) } },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          level: LEVEL[d.severity] ?? 'warning',
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file ? path.relative(baseDir, d.file).split(path.sep).join('/') : '' },
                region: { startLine: d.line, startColumn: d.col, ...(d.endLine ? { endLine: d.endLine, endColumn: d.endCol } : {}) },
              },
            },
          ],
        })),
      },
    ],
  };
}
