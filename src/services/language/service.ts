/**
 * The studio's LanguageService (src/contract/language.ts) over a
 * LanguageWorkspace: loads the project's artifacts from disk with the
 * engine's scanner; document uris are project-relative with '/' separators,
 * as in the workspace service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileRegistry, scanProject } from '../../../engine/index.js';
import type { LanguageService } from '../../contract/language.js';
import { LanguageWorkspace } from './workspace.js';

export function createLanguageService(workspace = new LanguageWorkspace()): LanguageService & { workspace: LanguageWorkspace } {
  return {
    workspace,
    async setProject(root) {
      const scan = await scanProject(path.resolve(root));
      const files = scan.artifacts.map((a) => ({ uri: path.relative(scan.root, a.file).split(path.sep).join('/'), text: fs.readFileSync(a.file, 'utf8') }));
      const registry = fileRegistry(scan.resources);
      workspace.setProjectFiles(files, (key) => registry.get(key) !== undefined);
      return { artifacts: files.length };
    },
    async open(uri, text) {
      return workspace.open(uri, text);
    },
    async change(uri, text) {
      return workspace.change(uri, text);
    },
    async close(uri) {
      workspace.close(uri);
    },
    async state(uri) {
      return workspace.state(uri);
    },
    async allDiagnostics() {
      return Object.fromEntries(workspace.openUris().map((u) => [u, workspace.diagnostics(u)]));
    },
    async complete(uri, at) {
      return workspace.complete(uri, at);
    },
    async hover(uri, at) {
      return workspace.hover(uri, at);
    },
    async codeActions(uri, at) {
      return workspace.codeActions(uri, at);
    },
  };
}
