/**
 * A new project in the MI VS Code extension's layout (reference/project-layout.md §2):
 * a pom marked `integration-project`, the artifact folders, resources with their
 * registry descriptors, and the test folders. Maven can still build it.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { writeFileAtomic, writeFolderAtomic } from '../../../engine/index.js';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ARTIFACT_KINDS, ARTIFACT_KIND_INFO } from '../../contract/index.js';

const PROJECT_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export async function createProjectFolder(parentFolder: string, name: string): Promise<string> {
  if (!PROJECT_NAME.test(name)) throw Object.assign(new Error(`'${name}' is not a valid project name (letters, digits, _ . -; starting with a letter)`), { code: 'INVALID_NAME' });
  const root = path.join(path.resolve(parentFolder), name);
  const existing = await readdir(root).catch(() => undefined);
  if (existing && existing.length > 0) throw Object.assign(new Error(`${root} already exists and is not empty`), { code: 'EXISTS' });
  // The project appears complete or not at all (a crash while creating it leaves no half project).
  await writeFolderAtomic(root, async (staging) => {
    for (const kind of ARTIFACT_KINDS) await mkdir(path.join(staging, ARTIFACT_KIND_INFO[kind].folder), { recursive: true });
    for (const dir of ['src/main/wso2mi/resources/registry/gov', 'src/main/wso2mi/resources/registry/conf', 'src/main/wso2mi/resources/metadata', 'src/main/wso2mi/resources/connectors', 'src/main/wso2mi/resources/conf', 'src/main/java', 'src/test/wso2mi', 'src/test/resources/mock-services', 'deployment/libs']) {
      await mkdir(path.join(staging, dir), { recursive: true });
    }
    await writeFileAtomic(path.join(staging, 'pom.xml'), pom(name));
    await writeFileAtomic(path.join(staging, '.gitignore'), 'target/\n.env\n');
    await writeFileAtomic(path.join(staging, '.env'), '');
    await writeFileAtomic(path.join(staging, 'deployment/deployment.toml'), '[server]\nhostname = "localhost"\n');
    await writeFileAtomic(path.join(staging, 'src/main/wso2mi/resources/artifact.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<artifacts/>\n');
    await writeFileAtomic(path.join(staging, 'src/main/wso2mi/resources/registry/artifact.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<artifacts/>\n');
    await writeFileAtomic(path.join(staging, 'src/main/wso2mi/resources/conf/config.properties'), '');
  });
  return root;
}

function pom(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>${name}</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <name>${name}</name>
  <description>${name}</description>
  <properties>
    <projectType>integration-project</projectType>
    <uuid>${randomUUID()}</uuid>
    <project.runtime.version>4.4.0</project.runtime.version>
  </properties>
</project>
`;
}
