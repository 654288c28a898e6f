import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';

export default defineCase({
  id: 'scheduled-tasks/inject-to-proxy-legacy-send',
  title: 'Older page: MessageInjector task (count 2, every 5 s) into a proxy with send to an inline named endpoint; city/country logged twice and the weather JSON logged in full by the outSequence',
  status: 'pass',
  docsWrong: ['"This is a scheduled task of the default implementation" does not describe the injected message; the log shows the city and country'],
  deviates: ['the weather API on the internet is replaced by a local recording backend answering weather JSON (no internet here)'],
  backends: { weather: { kind: 'recording', options: { fallback: { body: { name: 'London', sys: { country: 'GB' } } } } } },
  artifacts: [
    { file: 'task_SampleInjectToProxyTask.xml' },
    { file: 'proxy_SampleProxy.xml', edits: [(text, t) => replace('http://api.openweathermap.org', t.backendUrl('weather'))(text, t)] },
  ],
  async run(t) {
    const cityLines = () => t.logs().filter((l) => /Which city\? = London, Which country\? = UK/.test(l));
    const weatherLogs = () => t.logs().filter((l) => l.includes('"name":"London"') || l.includes('<name>London</name>'));
    await until('two firings and two out-sequence logs', () => cityLines().length >= 2 && weatherLogs().length >= 2, 15000);
    const calls = t.backend('weather').requests;
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.method).toBe('GET');
      expect(decodeURIComponent(c.url)).toBe('/data/2.5/weather?q=London,UK&APPID=ae2a70399cf2c35940a6538f38fee3d3');
    }
  },
});
