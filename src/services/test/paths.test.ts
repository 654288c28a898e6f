/** Paths written in suites: project-relative (MI VS Code), Integration Studio paths, and the Maven client's fallbacks. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveReference } from './paths.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-suite-paths-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const touch = (rel: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), '<x/>');
  return path.join(root, rel);
};

describe('resolveReference', () => {
  const suiteDir = path.join(root, 'src/test/wso2mi');
  const api = touch('src/main/wso2mi/artifacts/apis/OrdersAPI.xml');
  const mock = touch('src/test/resources/mock-services/OrdersMock.xml');

  it('reads a path relative to the project root first', () => {
    expect(resolveReference(root, suiteDir, 'src/main/wso2mi/artifacts/apis/OrdersAPI.xml')).toBe(api);
  });

  it('maps Integration Studio paths onto the VS Code layout (api/ -> apis/, mock services)', () => {
    expect(resolveReference(root, suiteDir, 'ShopConfigs/src/main/synapse-config/api/OrdersAPI.xml')).toBe(api);
    expect(resolveReference(root, suiteDir, 'ShopConfigs\\test\\resources\\mock-services\\OrdersMock.xml')).toBe(mock);
  });

  it('tries the suite folder and its parents, like MI\'s Maven client; undefined when nothing is there', () => {
    const near = touch('src/test/shared/Seq.xml');
    expect(resolveReference(root, suiteDir, 'shared/Seq.xml')).toBe(near);
    expect(resolveReference(root, suiteDir, 'src/main/wso2mi/artifacts/apis/Missing.xml')).toBeUndefined();
  });
});
