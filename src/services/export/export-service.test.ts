import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspectCar } from '../../../engine/index.js';
import { startHarness, type Harness } from '../test-helpers.js';
import type { ExportProgress } from '../../contract/index.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const FAULT = 'src/main/wso2mi/artifacts/sequences/HospitalFault.xml';

describe('export service over the in-memory transport', () => {
  let h: Harness;
  const progress: ExportProgress[] = [];
  beforeAll(async () => {
    h = await startHarness();
    h.client.on('export.progress', (p) => progress.push(p));
    await h.client.service('workspace').openFolder(h.project);
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('plans the project: name and version from pom.xml, every artifact selectable, target/ as the folder', async () => {
    const plan = await h.client.service('export').plan();
    expect(plan).toMatchObject({ name: 'HospitalService', version: '1.0.0', defaultFolder: path.join(h.project, 'target') });
    expect(plan.artifacts.map((a) => `${a.kind}:${a.name}`)).toEqual(['api:HealthcareAPI', 'endpoint:HospitalServiceEP', 'endpoint:ReservationEP', 'sequence:HospitalFault']);
    expect(plan.artifacts.find((a) => a.name === 'HealthcareAPI')?.id).toBe(API);
  });

  it('writes NAME_VERSION.car into target/ with every artifact, reporting progress', async () => {
    progress.length = 0;
    const result = await h.client.service('export').exportCar({});
    expect(result.written).toBe(true);
    expect(result.file).toBe(path.join(h.project, 'target', 'HospitalService_1.0.0.car'));
    expect(result.artifactCount).toBe(4);
    expect(result.inspection?.issues).toEqual([]);
    expect(result.inspection?.artifacts.find((a) => a.name === 'HealthcareAPI')).toMatchObject({ type: 'synapse/api', version: '1.0.0', serverRole: 'EnterpriseIntegrator', deployed: true });
    expect(result.downloadPath).toMatch(/^\/download\/[\w-]+\/HospitalService_1\.0\.0\.car$/);
    const report = await inspectCar(result.file!);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.artifacts.map((a) => a.name).sort()).toEqual(['HealthcareAPI', 'HealthcareAPI_metadata', 'HospitalFault', 'HospitalServiceEP', 'ReservationEP']);
    expect(progress.map((p) => p.step)).toEqual(['scanning', 'validating', 'writing', 'inspecting', 'done']);
  });

  it('keeps only the chosen artifacts, with the chosen version, in the chosen folder', async () => {
    const result = await h.client.service('export').exportCar({ artifacts: [FAULT], version: '2.1.0', folder: 'out/cars' });
    expect(result.file).toBe(path.join(h.project, 'out/cars/HospitalService_2.1.0.car'));
    const report = await inspectCar(result.file!);
    expect(report.artifacts.map((a) => [a.name, a.version])).toEqual([['HospitalFault', '2.1.0']]);
    expect(report.version).toBe('2.1.0');
  });

  it('adds a generated OpenAPI document for each API when asked', async () => {
    const plain = await inspectCar((await h.client.service('export').exportCar({ version: '4.0.0' })).file!);
    const withOpenApi = await inspectCar((await h.client.service('export').exportCar({ version: '4.0.1', openapi: true })).file!);
    const names = (r: typeof plain) => r.artifacts.map((a) => a.name);
    expect(names(plain)).not.toContain('HealthcareAPI_swagger');
    expect(names(withOpenApi)).toContain('HealthcareAPI_swagger');
  });

  it('refuses a CAR with validation errors, listing them with their line, unless forced', async () => {
    const file = path.join(h.project, FAULT);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('<respond/>', '<respnd/>'));
    try {
      progress.length = 0;
      const refused = await h.client.service('export').exportCar({ version: '3.0.0' });
      expect(refused.written).toBe(false);
      expect(existsSync(path.join(h.project, 'target/HospitalService_3.0.0.car'))).toBe(false);
      const line = original.split('\n').findIndex((l) => l.includes('<respond/>')) + 1;
      expect(refused.problems).toContainEqual(expect.objectContaining({ file: FAULT, line, severity: 'error' }));
      expect(progress.at(-1)?.step).toBe('refused');

      // Leaving the broken artifact out is enough.
      const without = await h.client.service('export').exportCar({ version: '3.0.0', artifacts: [API] });
      expect(without.written).toBe(true);

      const forced = await h.client.service('export').exportCar({ version: '3.0.1', force: true });
      expect(forced.written).toBe(true);
      expect(forced.problems.some((p) => p.file === FAULT)).toBe(true);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('refuses versions that are not file-name safe and ids that are not in the project', async () => {
    await expect(h.client.service('export').exportCar({ version: '../../evil' })).rejects.toMatchObject({ code: 'BAD_VERSION' });
    await expect(h.client.service('export').exportCar({ artifacts: ['../outside.xml'] })).rejects.toMatchObject({ code: 'UNKNOWN_ARTIFACT' });
    await expect(h.client.service('export').exportCar({ artifacts: [] })).rejects.toMatchObject({ code: 'NOTHING_SELECTED' });
  });

  it('cannot open a folder in browser mode, nor one it did not write', async () => {
    expect(await h.client.service('export').revealInFolder(path.join(h.project, 'target/HospitalService_1.0.0.car'))).toBe(false);
  });
});
