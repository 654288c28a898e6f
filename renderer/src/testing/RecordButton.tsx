/**
 * Try-it's recorder: turns the last exchange into a test case of the
 * artifact's suite (created when missing), with the backend calls it makes
 * recorded as mock services, and says what it wrote.
 */
import { useEffect, useState } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { RecordedTest, TryItRequest, TryItResponse } from '../../../src/contract/index.js';
import { testStore } from './test-store.js';
import './testing.css';

export function RecordButton({ client, exchange, artifactPath }: { client: StudioClient; exchange: { request: TryItRequest; response: TryItResponse }; artifactPath?: string }) {
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<RecordedTest>();
  const [error, setError] = useState<string>();
  useEffect(() => testStore.connect(client), [client]);
  useEffect(() => {
    setRecorded(undefined);
    setError(undefined);
  }, [exchange]);

  async function record() {
    setBusy(true);
    setError(undefined);
    try {
      const isArtifact = artifactPath && /\/artifacts\/(apis|proxy-services)\//.test(artifactPath);
      setRecorded(await client.service('test').record({ request: exchange.request, response: exchange.response, artifact: isArtifact ? artifactPath : undefined }));
      void testStore.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tryit-record">
      <button data-testid="test-record" disabled={busy || !!recorded} onClick={() => void record()} title="Turn this exchange into a unit-test case; the backend calls it makes become mock services">
        {busy ? 'Recording…' : recorded ? 'Recorded' : '● Record as test'}
      </button>
      {recorded && (
        <div className="muted small" data-testid="test-record-result" data-suite={recorded.suite} data-case={recorded.testCase}>
          Case {recorded.testCase} added to {recorded.suite}
          {recorded.mocks.length > 0 ? ` with ${recorded.mocks.length} mock service${recorded.mocks.length === 1 ? '' : 's'}` : ''}.
          {recorded.notes.map((n, i) => (
            <div key={i}>{n}</div>
          ))}
        </div>
      )}
      {error && (
        <div className="form-error" data-testid="test-record-error">
          {error}
        </div>
      )}
    </div>
  );
}
