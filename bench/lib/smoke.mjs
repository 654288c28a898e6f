// Before measuring, every target must answer the first cell's payload with 200, and targets
// that echo the request (pass-through and routers) must return it byte for byte.
import fs from 'node:fs';

export async function smokeCheck(targets, payloadFile, size) {
  const out = [];
  for (const t of targets) {
    const body = fs.readFileSync(payloadFile(t.payload, size));
    try {
      const res = await fetch(t.url, { method: 'POST', body, headers: { 'content-type': t.contentType, ...t.headers } });
      const answer = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) out.push({ target: t.id, ok: false, problem: `HTTP ${res.status}: ${answer.toString('utf8').slice(0, 200)}` });
      else if (t.echoesBody && !answer.equals(body)) out.push({ target: t.id, ok: false, problem: `answer differs from the request (${answer.length} vs ${body.length} bytes)` });
      else out.push({ target: t.id, ok: true, bytes: answer.length, contentType: res.headers.get('content-type') });
    } catch (e) {
      out.push({ target: t.id, ok: false, problem: e.message });
    }
  }
  return out;
}
