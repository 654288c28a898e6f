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
