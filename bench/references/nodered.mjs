// Node-RED as the peer Node.js flow runtime: a runtime-only settings file (no editor, no
// telemetry, loopback) and two flows, written per run with the echo backend's port:
//   POST /passthrough  http in -> http request (echo) -> http response
//   POST /cbr          http in -> switch on payload.order[0].symbol == IBM -> http request -> http response, else 400
// Node-RED's http-in parses JSON bodies and the http request node re-serialises them: that is
// its normal behaviour and part of what is measured.
import fs from 'node:fs';
import path from 'node:path';

export function writeNodeRedUserDir(userDir, { port, echoPort }) {
  fs.mkdirSync(userDir, { recursive: true });
  const settings = `module.exports = {
  uiHost: '127.0.0.1', uiPort: ${port}, flowFile: 'flows.json', credentialSecret: false,
  httpAdminRoot: false, httpNodeRoot: '/', apiMaxLength: '5mb', httpRequestTimeout: 120000,
  diagnostics: { enabled: false, ui: false }, runtimeState: { enabled: false, ui: false },
  telemetry: { enabled: false, updateNotification: false },
  externalModules: { autoInstall: false, palette: { allowInstall: false } },
  logging: { console: { level: 'warn', metrics: false, audit: false } },
  functionExternalModules: false, exportGlobalContextKeys: false,
};
`;
  const echo = `http://127.0.0.1:${echoPort}/echo`;
  const request = (id, next) => ({ id, type: 'http request', z: 'bench', name: 'echo backend', method: 'POST', ret: 'bin', paytoqs: 'ignore', url: echo, tls: '', persist: true, proxy: '', insecureHTTPParser: false, authType: '', senderr: false, headers: [], wires: [[next]] });
  const httpIn = (id, url, next) => ({ id, type: 'http in', z: 'bench', name: `POST ${url}`, url, method: 'post', upload: false, swaggerDoc: '', wires: [[next]] });
  const httpOut = (id) => ({ id, type: 'http response', z: 'bench', name: '', statusCode: '', headers: {}, wires: [] });
  const flows = [
    { id: 'bench', type: 'tab', label: 'mediate bench', disabled: false, info: '' },
    httpIn('pt_in', '/passthrough', 'pt_req'),
    request('pt_req', 'pt_out'),
    httpOut('pt_out'),
    httpIn('cbr_in', '/cbr', 'cbr_switch'),
    { id: 'cbr_switch', type: 'switch', z: 'bench', name: 'order[0].symbol == IBM', property: 'payload.order[0].symbol', propertyType: 'msg', rules: [{ t: 'eq', v: 'IBM', vt: 'str' }, { t: 'else' }], checkall: 'false', repair: false, outputs: 2, wires: [['cbr_req'], ['cbr_reject']] },
    request('cbr_req', 'cbr_out'),
    { id: 'cbr_reject', type: 'change', z: 'bench', name: '400 no route', rules: [{ t: 'set', p: 'statusCode', pt: 'msg', to: '400', tot: 'num' }, { t: 'set', p: 'payload', pt: 'msg', to: '{"error":"no route"}', tot: 'json' }], action: '', property: '', from: '', to: '', reg: false, wires: [['cbr_out']] },
    httpOut('cbr_out'),
  ];
  fs.writeFileSync(path.join(userDir, 'settings.cjs'), settings);
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(flows, null, 1));
  return { settingsFile: path.join(userDir, 'settings.cjs') };
}
