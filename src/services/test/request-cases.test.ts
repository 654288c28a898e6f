/** How a case's input reaches an API: request protocol, query strings, headers; what $trp: and $ctx: read back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTests, type TestRunReport } from './index.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const API = `<api name="EchoAPI" context="/echo" ${NS}>
  <resource methods="GET" uri-template="/secure" protocol="https">
    <inSequence><payloadFactory media-type="json"><format>{"secure": true}</format><args/></payloadFactory><respond/></inSequence>
  </resource>
  <resource methods="GET" uri-template="/find?name={name}">
    <inSequence>
      <property name="who" expression="$url:name"/>
      <property name="X-Seen" expression="$trp:X-Ask" scope="transport"/>
      <payloadFactory media-type="xml"><format><found xmlns="">$1</found></format><args><arg expression="get-property('who')"/></args></payloadFactory>
      <respond/>
    </inSequence>
  </resource>
</api>`;

const assertion = (actual: string, expected: string) => `<assertEquals><actual>${actual}</actual><expected><![CDATA[${expected}]]></expected><message>${actual}</message></assertEquals>`;
const SUITE = `<unit-test>
  <artifacts><test-artifact><artifact>src/main/wso2mi/artifacts/apis/EchoAPI.xml</artifact></test-artifact></artifacts>
  <test-cases>
    <test-case name="OverHttps"><input><request-path>/secure</request-path><request-method>GET</request-method><request-protocol>https</request-protocol></input>
      <assertions>${assertion('$statusCode', '200')}${assertion('$body', '{"secure":true}')}</assertions></test-case>
    <test-case name="OverHttp"><input><request-path>/secure</request-path><request-method>GET</request-method></input>
      <assertions>${assertion('$statusCode', '200')}</assertions></test-case>
    <test-case name="QueryAndHeaders"><input><request-path>/find?name=ann%20lee</request-path><request-method>GET</request-method>
      <properties><property name="X-Ask" scope="transport" value="please"/></properties></input>
      <assertions>${assertion('$body', '<found>ann lee</found>')}${assertion('$trp:X-Seen', 'please')}${assertion('$ctx:who', 'ann lee')}</assertions></test-case>
  </test-cases>
  <mock-services/>
</unit-test>`;

describe('API case input', () => {
  let root: string;
  let report: TestRunReport;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-request-cases-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('pom.xml', '<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>Echo</artifactId><version>1.0.0</version><packaging>pom</packaging></project>');
    write('src/main/wso2mi/artifacts/apis/EchoAPI.xml', API);
    write('src/test/wso2mi/EchoTest.xml', SUITE);
    report = await runTests({ project: root });
  }, 60_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const testCase = (name: string) => report.suites[0]!.cases.find((c) => c.name === name)!;

  it('request-protocol https reaches a resource restricted to https; plain http does not', () => {
    expect(testCase('OverHttps').status).toBe('passed');
    const overHttp = testCase('OverHttp').assertions[0]!;
    expect(overHttp).toMatchObject({ status: 'failed', expected: '200' });
    expect(Number(overHttp.actual)).toBeGreaterThanOrEqual(400); // the runtime refuses the resource (MI: 404/405)
  });

  it('the request path keeps its query; transport properties are request headers; $trp reads response headers and $ctx the flow', () => {
    const c = testCase('QueryAndHeaders');
    expect(c.assertions.map((a) => [a.expression, a.status, a.actual])).toEqual([
      ['$body', 'passed', '<found>ann lee</found>'],
      ['$trp:X-Seen', 'passed', 'please'],
      ['$ctx:who', 'passed', 'ann lee'],
    ]);
  });
});

describe('registry resources a suite lists', () => {
  it('are served at <registry-path>/<file-name> to the artifacts under test, from wherever the suite keeps them', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-suite-registry-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    try {
      write('pom.xml', '<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>Reg</artifactId><version>1.0.0</version><packaging>pom</packaging></project>');
      write('src/main/wso2mi/artifacts/sequences/GreetSequence.xml', `<sequence name="GreetSequence" ${NS}><property name="greeting" expression="get-property('registry', 'gov:texts/greeting.txt')"/></sequence>`);
      write('src/test/resources/texts/greeting.txt', 'hello from the registry');
      write('src/test/wso2mi/GreetTest.xml', `<unit-test><artifacts><test-artifact><artifact>src/main/wso2mi/artifacts/sequences/GreetSequence.xml</artifact></test-artifact>
<registry-resources><registry-resource><file-name>greeting.txt</file-name><artifact>src/test/resources/texts/greeting.txt</artifact><registry-path>/_system/governance/texts</registry-path><media-type>text/plain</media-type></registry-resource></registry-resources></artifacts>
<test-cases><test-case name="Greets"><assertions>${assertion('$ctx:greeting', 'hello from the registry')}</assertions></test-case></test-cases><mock-services/></unit-test>`);
      const report = await runTests({ project: root });
      expect(report.suites[0]!.cases[0]!.assertions[0]).toMatchObject({ status: 'passed', actual: 'hello from the registry' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
