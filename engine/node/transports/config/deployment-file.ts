/** Where a project keeps its deployment.toml: `<root>/deployment/deployment.toml`, else `<root>/deployment.toml`. */
import fs from 'node:fs';
import path from 'node:path';

/** The project's deployment.toml and its text; undefined when the project has none. */
export function readDeploymentToml(root: string): { file: string; text: string } | undefined {
  for (const file of [path.join(root, 'deployment', 'deployment.toml'), path.join(root, 'deployment.toml')]) {
    try {
      return { file, text: fs.readFileSync(file, 'utf8') };
    } catch {
      // not there: the next place
    }
  }
  return undefined;
}
