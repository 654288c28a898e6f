import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';

export default defineCase({
  id: 'scheduled-tasks/inject-to-proxy-rest-endpoint',
  title: 'MessageInjector task (count 2, every 5 s) injects into proxy SampleProxy: it logs the city and country twice and calls the weather endpoint with them in the query',
  status: 'pass',
  docsWrong: ['the page prints "Which country? = UK", but the injected message says GB: the log shows GB'],
  deviates: ['the weather API on the internet is replaced by a local recording backend answering weather JSON (no internet here)'],
  backends: { weather: { kind: 'recording', options: { fallback: { body: { name: 'London', weather: [{ main: 'Clouds' }] } } } } },
  artifacts: [
    { file: 'task_SampleInjectToProxyTask.xml' },
    { file: 'proxy_SampleProxy.xml' },
    { file: 'endpoint_EP.xml', edits: [(text, t) => replace('http://api.openweathermap.org', t.backendUrl('weather'))(text, t)] },
  ],
  async run(t) {
    const cityLines = () => t.logs().filter((l) => /Which city\? = London, Which country\? = GB/.test(l));
    await until('two firings', () => cityLines().length >= 2, 15000);
    const calls = t.backend('weather').requests;
    await until('two weather calls', () => calls.length >= 2, 5000);
    expect(calls[0].method).toBe('GET');
    expect(calls[0].url).toContain('/data/2.5/weather?q=London,GB&APPID=');
    // count="2": no third firing.
    await new Promise((r) => setTimeout(r, 6000));
    expect(cityLines()).toHaveLength(2);
  },
});
