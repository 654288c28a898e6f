/**
 * The suite wizard and the case form: pick the API, proxy or sequence under
 * test, describe one case (request, payload, assertions) and, for the
 * endpoints it calls, mock services (port, context, resource, answer). With
 * `suite` it only adds a case to that suite. Writes MI's format through the
 * test service.
 */
import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../components/Dialog.js';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { NewMockService, NewTestAssertion, NewTestCase, TestTarget } from '../../../src/contract/index.js';
import { useTestState } from './test-store.js';

interface MockDraft {
  enabled: boolean;
  port: string;
  context: string;
  subContext: string;
  method: string;
  status: string;
  contentType: string;
  payload: string;
}

/** A mock's defaults from the endpoint's address: its port, first path segment as context, the rest as sub-context. */
function mockDefaults(address: string | undefined, method: string): MockDraft {
  const draft: MockDraft = { enabled: false, port: '9090', context: '/', subContext: '/', method, status: '200', contentType: 'application/json', payload: '{}' };
  if (!address) return draft;
  const m = /^[a-z]+:\/\/[^/:]+(?::(\d+))?(\/[^?]*)?(\?.*)?$/i.exec(address);
  if (!m) return draft;
  if (m[1]) draft.port = m[1];
  const segments = (m[2] ?? '/').split('/').filter(Boolean);
  draft.context = segments.length ? `/${segments[0]}` : '/';
  draft.subContext = (segments.length > 1 ? `/${segments.slice(1).join('/')}` : '/') + (m[3] ?? '');
  return draft;
}

export function SuiteDialog({ client, suite, onClose, onCreated }: { client: StudioClient; suite?: string; onClose: () => void; onCreated: (file: string) => void }) {
  const tests = useTestState();
  const [targets, setTargets] = useState<TestTarget[]>([]);
  const [targetFile, setTargetFile] = useState<string>();
  const [suiteName, setSuiteName] = useState('');
  const [caseName, setCaseName] = useState('');
  const [method, setMethod] = useState('GET');
  const [requestPath, setRequestPath] = useState('/');
  const [payload, setPayload] = useState('');
  const [assertions, setAssertions] = useState<NewTestAssertion[]>([{ type: 'assertEquals', actual: '$statusCode', expected: '200', message: '' }]);
  const [mocks, setMocks] = useState<Record<string, MockDraft>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const suiteEntry = suite ? tests.suites.find((s) => s.file === suite) : undefined;
  useEffect(() => {
    void client
      .service('test')
      .targets()
      .then((list) => {
        setTargets(list);
        setTargetFile((f) => f ?? suiteEntry?.artifact?.file ?? list[0]?.file);
      }, (e: unknown) => setError(errorMessage(e)));
  }, [client, suiteEntry?.artifact?.file]);

  const target = useMemo(() => targets.find((t) => t.file === targetFile), [targets, targetFile]);
  useEffect(() => {
    if (!target) return;
    if (!suite) setSuiteName(`${target.name}Test`);
    const first = target.resources[0];
    if (first) {
      setMethod(first.method);
      setRequestPath(first.path);
    }
    setMocks(Object.fromEntries(target.endpoints.map((ep) => [ep.name, mockDefaults(ep.address, 'GET')])));
  }, [target, suite]);

  const setAssertion = (i: number, patch: Partial<NewTestAssertion>) => setAssertions((list) => list.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const setMock = (name: string, patch: Partial<MockDraft>) => setMocks((m) => ({ ...m, [name]: { ...m[name]!, ...patch } }));

  async function submit() {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    const testCase: NewTestCase = { name: caseName.trim(), payload: payload || undefined, assertions: assertions.map((a) => ({ ...a, message: a.message || undefined })) };
    if (target.kind === 'api') Object.assign(testCase, { requestMethod: method, requestPath });
    try {
      if (suite) {
        await client.service('test').addCase(suite, testCase);
        onCreated(suite);
        return;
      }
      const mockServices: NewMockService[] = Object.entries(mocks)
        .filter(([, m]) => m.enabled)
        .map(([name, m]) => ({
          serviceName: name,
          port: Number(m.port),
          context: m.context,
          resources: [{ method: m.method, subContext: m.subContext, statusCode: Number(m.status), responsePayload: m.payload, responseHeaders: m.contentType ? [{ name: 'Content-Type', value: m.contentType }] : [] }],
        }));
      const created = await client.service('test').createSuite({ name: suiteName, artifact: target.file, cases: [testCase], mocks: mockServices });
      onCreated(created.suite);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={suite ? `Add a test case to ${suite.slice(suite.lastIndexOf('/') + 1)}` : 'New unit-test suite'} onCancel={onClose} testId="suite-dialog">
      <div className="suite-form">
        {!suite && (
          <>
            <label className="field">
              <span>Artifact under test</span>
              <select data-testid="suite-target" value={targetFile ?? ''} onChange={(e) => setTargetFile(e.target.value)}>
                {targets.map((t) => (
                  <option key={t.file} value={t.file}>
                    {t.kind}: {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Suite file (src/test/wso2mi/…xml)</span>
              <input data-testid="suite-name" value={suiteName} onChange={(e) => setSuiteName(e.target.value)} spellCheck={false} />
            </label>
          </>
        )}
        <fieldset className="suite-section">
          <legend>Test case</legend>
          <label className="field">
            <span>Name</span>
            <input data-testid="case-name" value={caseName} onChange={(e) => setCaseName(e.target.value)} spellCheck={false} autoFocus />
          </label>
          {target?.kind === 'api' && (
            <div className="request-line">
              <select data-testid="case-method" value={method} onChange={(e) => setMethod(e.target.value)}>
                {['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
              <input data-testid="case-path" value={requestPath} onChange={(e) => setRequestPath(e.target.value)} spellCheck={false} title="Request path below the API's context" />
            </div>
          )}
          <label className="field">
            <span>Payload</span>
            <textarea data-testid="case-payload" rows={3} value={payload} onChange={(e) => setPayload(e.target.value)} spellCheck={false} />
          </label>
          <div className="muted small">Assertions</div>
          {assertions.map((a, i) => (
            <div key={i} className="suite-assertion" data-testid="case-assertion">
              <select value={a.type} onChange={(e) => setAssertion(i, { type: e.target.value as NewTestAssertion['type'] })} data-testid="assertion-type">
                <option value="assertEquals">assertEquals</option>
                <option value="assertNotNull">assertNotNull</option>
              </select>
              <input value={a.actual} onChange={(e) => setAssertion(i, { actual: e.target.value })} placeholder="$body, $statusCode, $trp:Content-Type, $ctx:name" data-testid="assertion-actual" spellCheck={false} />
              {a.type === 'assertEquals' && <textarea rows={1} value={a.expected ?? ''} onChange={(e) => setAssertion(i, { expected: e.target.value })} placeholder="expected" data-testid="assertion-expected" spellCheck={false} />}
              <input value={a.message ?? ''} onChange={(e) => setAssertion(i, { message: e.target.value })} placeholder="message" data-testid="assertion-message" />
              <button className="icon" title="Remove" onClick={() => setAssertions((list) => list.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          ))}
          <button className="ghost" data-testid="assertion-add" onClick={() => setAssertions((list) => [...list, { type: 'assertEquals', actual: '$body', expected: '', message: '' }])}>
            + Assertion
          </button>
        </fieldset>
        {!suite && target && target.endpoints.length > 0 && (
          <fieldset className="suite-section">
            <legend>Mock services</legend>
            {target.endpoints.map((ep) => {
              const m = mocks[ep.name];
              if (!m) return null;
              return (
                <div key={ep.name} className="suite-mock" data-testid="suite-mock" data-endpoint={ep.name}>
                  <label className="test-check">
                    <input type="checkbox" data-testid="mock-enable" checked={m.enabled} onChange={(e) => setMock(ep.name, { enabled: e.target.checked })} /> Mock <b>{ep.name}</b> <span className="muted small">{ep.address}</span>
                  </label>
                  {m.enabled && (
                    <div className="suite-mock-fields">
                      <input data-testid="mock-port" value={m.port} onChange={(e) => setMock(ep.name, { port: e.target.value })} title="Port" size={6} />
                      <input data-testid="mock-context" value={m.context} onChange={(e) => setMock(ep.name, { context: e.target.value })} title="Context" />
                      <select data-testid="mock-method" value={m.method} onChange={(e) => setMock(ep.name, { method: e.target.value })}>
                        {['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].map((x) => (
                          <option key={x}>{x}</option>
                        ))}
                      </select>
                      <input data-testid="mock-subcontext" value={m.subContext} onChange={(e) => setMock(ep.name, { subContext: e.target.value })} title="Sub-context (path and query after the context)" />
                      <input data-testid="mock-status" value={m.status} onChange={(e) => setMock(ep.name, { status: e.target.value })} title="Status code" size={4} />
                      <input data-testid="mock-content-type" value={m.contentType} onChange={(e) => setMock(ep.name, { contentType: e.target.value })} title="Content-Type of the answer" />
                      <textarea data-testid="mock-payload" rows={2} value={m.payload} onChange={(e) => setMock(ep.name, { payload: e.target.value })} title="Response payload" spellCheck={false} />
                    </div>
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
        {error && (
          <div className="form-error" data-testid="suite-error">
            {error}
          </div>
        )}
        <div className="dialog-buttons">
          <button onClick={onClose}>Cancel</button>
          <button className="primary" data-testid="suite-create" disabled={busy || !target} onClick={() => void submit()}>
            {suite ? 'Add case' : 'Create suite'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
