// Generated projects for the start-up measurements: a plain folder of N artifacts, half
// APIs (each answering POST/GET at /gen<i> with a small JSON), a quarter sequences and a
// quarter endpoints, so every artifact kind the loader compiles most is represented.
import fs from 'node:fs';
import path from 'node:path';

const NS = 'http://ws.apache.org/ns/synapse';

export function apiXml(i, version = 1) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<api name="GenApi${i}" context="/gen${i}" xmlns="${NS}">
  <resource methods="GET POST" uri-template="/">
    <inSequence>
      <property name="generated" value="${i}"/>
      <payloadFactory media-type="json">
        <format>{"api":${i},"version":"v${version}"}</format>
      </payloadFactory>
      <respond/>
    </inSequence>
  </resource>
</api>
`;
}

function sequenceXml(i) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="GenSeq${i}" xmlns="${NS}">
  <property name="step" value="${i}"/>
  <payloadFactory media-type="json"><format>{"seq":${i}}</format></payloadFactory>
</sequence>
`;
}

function endpointXml(i) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<endpoint name="GenEP${i}" xmlns="${NS}">
  <address uri="http://127.0.0.1:9/gen${i}"/>
</endpoint>
`;
}

/** Writes a project of `count` artifacts into `dir` (replacing it); returns the API file of artifact 0. */
export function generateProject(dir, count) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['apis', 'sequences', 'endpoints']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind <= 1) fs.writeFileSync(path.join(dir, 'apis', `GenApi${i}.xml`), apiXml(i));
    else if (kind === 2) fs.writeFileSync(path.join(dir, 'sequences', `GenSeq${i}.xml`), sequenceXml(i));
    else fs.writeFileSync(path.join(dir, 'endpoints', `GenEP${i}.xml`), endpointXml(i));
  }
  return path.join(dir, 'apis', 'GenApi0.xml');
}

/**
 * One block of ten mediators as the canvas counts them (a branching mediator counts once, and
 * each mediator inside its branches once): log, property, filter (then: log, property; else:
 * log), switch (case: log; default: property), payloadFactory.
 */
function flowBlock(b) {
  return `  <log level="custom" description="block ${b} entry"><property name="block" value="${b}"/></log>
  <property name="step${b}" expression="json-eval($.order[0].symbol)" scope="default"/>
  <filter source="$ctx:step${b}" regex="IBM.*" description="route ${b}">
    <then>
      <log level="simple" description="ibm ${b}"/>
      <property name="matched${b}" value="true"/>
    </then>
    <else>
      <log level="full" description="other ${b}"/>
    </else>
  </filter>
  <switch source="get-property('step${b}')" description="switch ${b}">
    <case regex="IBM"><log level="custom" description="case ${b}"><property name="case" value="${b}"/></log></case>
    <default><property name="default${b}" value="${b}"/></default>
  </switch>
  <payloadFactory media-type="json" description="shape ${b}"><format>{"block":${b},"symbol":"$1"}</format><args><arg evaluator="xml" expression="$ctx:step${b}"/></args></payloadFactory>
`;
}

/** Mediators per flowBlock, as the canvas counts them. */
export const FLOW_BLOCK_SIZE = 10;

/** A sequence of `count` mediators (a multiple of 10), with filter and switch branches throughout. */
export function largeSequenceXml(name, count) {
  if (count % FLOW_BLOCK_SIZE !== 0) throw new Error(`a generated flow has a multiple of ${FLOW_BLOCK_SIZE} mediators, not ${count}`);
  const blocks = Array.from({ length: count / FLOW_BLOCK_SIZE }, (_, b) => flowBlock(b)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sequence name="${name}" xmlns="${NS}">\n${blocks}</sequence>\n`;
}
