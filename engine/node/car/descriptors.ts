import { escapeXml } from '../project/xml-read.js';

/** A `<dependency>` of the application artifact. */
export interface CarDependency {
  name: string;
  version: string;
  serverRole: string;
  type: string;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** artifacts.xml / metadata.xml content (same shape; see car-format.md §2). */
export function applicationDescriptor(appName: string, appVersion: string, dependencies: CarDependency[]): string {
  const deps = dependencies
    .map(
      (d) =>
        `        <dependency artifact="${escapeXml(d.name)}" version="${escapeXml(d.version)}" include="true" serverRole="${escapeXml(d.serverRole)}"/>\n`,
    )
    .join('');
  return (
    `${XML_DECLARATION}<artifacts>\n` +
    `    <artifact name="${escapeXml(appName)}" version="${escapeXml(appVersion)}" type="carbon/application">\n` +
    deps +
    `    </artifact>\n</artifacts>\n`
  );
}

/** Per-artifact artifact.xml content with exactly one `<file>`. */
export function artifactDescriptor(d: CarDependency, file: string): string {
  return (
    `${XML_DECLARATION}<artifact name="${escapeXml(d.name)}" version="${escapeXml(d.version)}" type="${escapeXml(d.type)}" serverRole="${escapeXml(d.serverRole)}">\n` +
    `    <file>${escapeXml(file)}</file>\n</artifact>\n`
  );
}

export interface RegistryInfoItem {
  file: string;
  collectionPath: string;
  mediaType?: string;
  properties?: Record<string, string>;
}

/** registry-info.xml content listing one `<item>` per file. */
export function registryInfo(items: RegistryInfoItem[]): string {
  const body = items
    .map((item) => {
      const props = Object.entries(item.properties ?? {});
      const properties =
        props.length === 0
          ? '        <properties/>\n'
          : '        <properties>\n' +
            props.map(([k, v]) => `            <property key="${escapeXml(k)}" value="${escapeXml(v)}"/>\n`).join('') +
            '        </properties>\n';
      return (
        '    <item>\n' +
        `        <file>${escapeXml(item.file)}</file>\n` +
        `        <path>${escapeXml(item.collectionPath)}</path>\n` +
        (item.mediaType ? `        <mediaType>${escapeXml(item.mediaType)}</mediaType>\n` : '') +
        properties +
        '    </item>\n'
      );
    })
    .join('');
  return `${XML_DECLARATION}<resources>\n${body}</resources>\n`;
}

/** descriptor.xml (MI ≥ 4.4 CApp descriptor) with no CAR dependencies. */
export function capDescriptor(groupId: string, artifactId: string, version: string): string {
  return (
    `${XML_DECLARATION}<project>\n` +
    `    <id>${escapeXml(`${groupId}__${artifactId}__${version}`)}</id>\n` +
    '    <versionedDeployment>false</versionedDeployment>\n' +
    '    <fatCarEnabled>false</fatCarEnabled>\n' +
    '    <dependencies/>\n' +
    '</project>\n'
  );
}
