/**
 * A REST API from an OpenAPI document in the studio, in Debian's Chromium: a broken document is
 * refused with its line and column and nothing is written; the corpus's Swagger 2 petstore
 * (picked as a file) previews its resources, becomes an API that opens in the editor, is kept
 * byte for byte in resources/api-definitions/, and the running project serves it back as
 * ?swagger.yaml and answers its resources.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const PETSTORE = path.resolve(repoRoot, '../shared/corpus/rest-api/publishing-custom-swagger/registry_simple_petstore.yaml');
const API = 'src/main/wso2mi/artifacts/apis/PetStore.xml';
const DEFINITION = 'src/main/wso2mi/resources/api-definitions/PetStore.yaml';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(repoRoot, 'test-results', name) });

describeInChromium('API from OpenAPI', () => {
  let session: StudioSession;
  let page: Page;
  let project: string;

  beforeAll(async () => {
    session = await openStudio({ name: 'mediate-e2e-openapi-', needsRuntime: true });
    ({ page, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it('refuses a broken document with the line and column at fault, writing nothing', async () => {
    await page.getByTestId('new-artifact').click();
    await page.getByTestId('wizard-kind').selectOption('api');
    await page.getByTestId('new-api-from-openapi').click();
    const dialog = page.getByTestId('openapi-import');
    await dialog.waitFor();
    await page.getByTestId('openapi-text').fill('openapi: 3.0.1\ninfo:\n  title: Broken\n  version: 1.0.0\npaths:\n  /a: [unclosed\n');
    await expect.poll(() => page.getByTestId('openapi-problem').first().innerText(), { timeout: 10_000 }).toMatch(/^the document:\d+:\d+: /);
    await expect(page.getByTestId('openapi-import-apply').isDisabled()).resolves.toBe(true);
    await page.getByTestId('openapi-text').fill('openapi: 3.0.1\ninfo:\n  title: No paths\n  version: 1.0.0\n');
    await expect.poll(() => page.getByTestId('openapi-problems').innerText(), { timeout: 10_000 }).toContain('paths');
    await shot(page, 'openapi-import-refused.png');
    expect(existsSync(path.join(project, 'src/main/wso2mi/resources/api-definitions'))).toBe(false);
    expect(existsSync(path.join(project, 'src/main/wso2mi/artifacts/apis/Broken.xml'))).toBe(false);
  });

  it('previews the Swagger 2 petstore picked as a file, creates the API and opens it', async () => {
    await page.getByTestId('openapi-file').setInputFiles(PETSTORE);
    await page.getByTestId('openapi-name').fill('PetStore');
    const resources = page.getByTestId('openapi-resource');
    await expect.poll(() => resources.count(), { timeout: 10_000 }).toBe(2);
    await expect(resources.allInnerTexts()).resolves.toEqual(['POST /pet', 'GET /pet/findByStatus']);
    await expect(page.getByTestId('openapi-preview').innerText()).resolves.toContain(`PetStore at /v2: ${API} and ${DEFINITION}`);
    await shot(page, 'openapi-import-preview.png');
    await page.getByTestId('openapi-import-apply').click();
    await session.tab(API).waitFor({ timeout: 10_000 });
    await expect.poll(session.editorText).toContain('<resource methods="GET" uri-template="/pet/findByStatus">');
    await session.item(API).waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(project, DEFINITION))).toEqual(readFileSync(PETSTORE));
    expect(readFileSync(path.join(project, API), 'utf8')).toContain('<api context="/v2" name="PetStore"');
    await shot(page, 'openapi-import-created.png');
  });

  it('runs the project: the API answers its resources and serves the document as ?swagger.yaml', async () => {
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 60_000 }).toMatch(/running on port \d+/);
    const port = /running on port (\d+)/.exec(await page.getByTestId('runtime-status').innerText())![1];
    const found = await fetch(`http://127.0.0.1:${port}/v2/pet/findByStatus`);
    expect(found.status).toBe(200);
    const wrongMethod = await fetch(`http://127.0.0.1:${port}/v2/pet/findByStatus`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    const swagger = await fetch(`http://127.0.0.1:${port}/PetStore?swagger.yaml`);
    expect(swagger.status).toBe(200);
    expect(await swagger.text()).toContain('/pet/findByStatus:');
  });

  it("shows where the API and its OpenAPI file differ and updates the file in place", async () => {
    const apiPath = path.join(project, API);
    writeFileSync(apiPath, readFileSync(apiPath, 'utf8').replace('</api>', '    <resource methods="DELETE" uri-template="/pet/{petId}"><inSequence><respond/></inSequence></resource>\n</api>'));
    await session.tab(API).click();
    await page.getByTestId('api-openapi').click();
    await page.getByTestId('openapi-view').waitFor();
    await expect.poll(() => page.getByTestId('openapi-source').innerText(), { timeout: 10_000 }).toBe(DEFINITION);
    const difference = page.getByTestId('openapi-difference');
    await expect.poll(() => difference.count(), { timeout: 10_000 }).toBe(1);
    await expect(difference.getAttribute('data-where')).resolves.toBe('api-only');
    await expect(difference.innerText()).resolves.toContain('DELETE /pet/{petId}');
    await shot(page, 'openapi-view-differs.png');
    await page.getByTestId('openapi-sync').click();
    await page.getByTestId('openapi-in-line').waitFor({ timeout: 10_000 });
    const kept = readFileSync(path.join(project, DEFINITION), 'utf8');
    expect(kept).toContain('/pet/{petId}:');
    expect(kept).toContain('description: Sample Payload');
    expect(kept.startsWith('basePath: /v2\n')).toBe(true);
    await expect(page.getByTestId('openapi-document').innerText()).resolves.toContain('/pet/{petId}:');
    await page.keyboard.press('Escape');
  });

  it('offers the generated OpenAPI of an API without a file, and saves it as one', async () => {
    const healthcare = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
    await session.item(healthcare).click();
    await session.tab(healthcare).waitFor({ timeout: 10_000 });
    await page.getByTestId('api-openapi').click();
    await expect.poll(() => page.getByTestId('openapi-source').innerText(), { timeout: 10_000 }).toContain('Generated from the API');
    await expect(page.getByTestId('openapi-document').innerText()).resolves.toContain('openapi: "3.0.1"');
    await page.getByTestId('openapi-sync').click();
    await page.getByTestId('openapi-in-line').waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(project, 'src/main/wso2mi/resources/api-definitions/HealthcareAPI.yaml'), 'utf8')).toContain('openapi: "3.0.1"');
    await shot(page, 'openapi-view-saved.png');
  });
});
