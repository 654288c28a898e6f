/**
 * The integration the fault-injection tests run: one API whose resources each call one
 * endpoint (one per bad backend), in two shapes: `/fi/<name>` passes the backend's answer
 * through untouched, `/fi/<name>/read` makes a mediator read it first (content-aware), as
 * most real flows do. Every resource has the same fault sequence, which answers with the
 * ERROR_CODE and ERROR_MESSAGE MI set, so a test sees exactly what a user's own fault
 * handling would see. `/fi/ok` calls a healthy backend: the "next request" of each test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

export interface EndpointSpec {
  /** Resource and endpoint name. */
  name: string;
  url: string;
  /** The endpoint's own timeout (ms, responseAction fault); none when undefined. */
  timeoutMs?: number;
  /** suspendOnFailure/errorCodes; `-1` switches suspension off. */
  suspendCodes: string;
  /** initialDuration = maximumDuration (ms), progressionFactor 1. */
  suspendMs: number;
  /** markForSuspension/errorCodes and retriesBeforeSuspension. */
  markCodes?: string;
  retriesBeforeSuspension?: number;
  /** The endpoint's whole XML instead (a failover group, say), named `<name>EP`. */
  xml?: string;
}

/** An address endpoint element (no name) with the timeout and suspension of `e`. */
export function addressEndpoint(e: Omit<EndpointSpec, 'name' | 'xml'>, name?: string): string {
  const timeout = e.timeoutMs === undefined ? '' : `<timeout><duration>${e.timeoutMs}</duration><responseAction>fault</responseAction></timeout>`;
  return `<endpoint${name ? ` name="${name}"` : ''}><address uri="${e.url}">${timeout}
  <suspendOnFailure><errorCodes>${e.suspendCodes}</errorCodes><initialDuration>${e.suspendMs}</initialDuration><progressionFactor>1.0</progressionFactor><maximumDuration>${e.suspendMs}</maximumDuration></suspendOnFailure>
  <markForSuspension><errorCodes>${e.markCodes ?? '-1'}</errorCodes><retriesBeforeSuspension>${e.retriesBeforeSuspension ?? 0}</retriesBeforeSuspension><retryDelay>0</retryDelay></markForSuspension>
</address></endpoint>`;
}

function endpoint(e: EndpointSpec): string {
  if (e.xml) return e.xml;
  const timeout = e.timeoutMs === undefined ? '' : `<timeout><duration>${e.timeoutMs}</duration><responseAction>fault</responseAction></timeout>`;
  return `<endpoint ${SYN} name="${e.name}EP"><address uri="${e.url}">${timeout}
  <suspendOnFailure><errorCodes>${e.suspendCodes}</errorCodes><initialDuration>${e.suspendMs}</initialDuration><progressionFactor>1.0</progressionFactor><maximumDuration>${e.suspendMs}</maximumDuration></suspendOnFailure>
  <markForSuspension><errorCodes>${e.markCodes ?? '-1'}</errorCodes><retriesBeforeSuspension>${e.retriesBeforeSuspension ?? 0}</retriesBeforeSuspension><retryDelay>0</retryDelay></markForSuspension>
</address></endpoint>`;
}

function resources(e: EndpointSpec): string {
  const call = `<call><endpoint key="${e.name}EP"/></call>`;
  return `<resource methods="POST GET" uri-template="/${e.name}" faultSequence="FaultReport"><inSequence>${call}<respond/></inSequence></resource>
  <resource methods="POST GET" uri-template="/${e.name}/read" faultSequence="FaultReport"><inSequence>${call}
    <property name="seen" expression="json-eval($)"/><log level="custom"><property name="read" expression="get-property('seen')"/></log><respond/></inSequence></resource>`;
}

const FAULT_REPORT = `<sequence ${SYN} name="FaultReport">
  <log level="custom"><property name="fault" expression="get-property('ERROR_CODE')"/></log>
  <payloadFactory media-type="json"><format>{"code":"$1","message":"$2"}</format>
    <args><arg evaluator="xml" expression="get-property('ERROR_CODE')"/><arg evaluator="xml" expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory>
  <property name="HTTP_SC" value="502" scope="axis2"/>
  <respond/>
</sequence>`;

/** Writes the project into a new temporary folder; returns the folder. */
export function writeFaultProject(endpoints: EndpointSpec[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-faults-'));
  const files: Record<string, string> = {
    'apis/FaultAPI.xml': `<api ${SYN} name="FaultAPI" context="/fi">\n  ${endpoints.map(resources).join('\n  ')}\n</api>`,
    'sequences/FaultReport.xml': FAULT_REPORT,
  };
  for (const e of endpoints) files[`endpoints/${e.name}EP.xml`] = endpoint(e);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
