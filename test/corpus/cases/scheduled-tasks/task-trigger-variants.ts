import { expect } from 'vitest';
import { defineCase, addSynapseNs, backendAt, replace } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { sleep } from '../../common.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const MESSAGE = '<property name="message"><m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote></property>';

/** A MessageInjector task with one of the page's trigger forms, injecting into SampleSequence (our construction: the page's trigger tasks are custom Java). */
const injectorTask = (name: string, trigger: string, extra = '') =>
  `<task ${NS} name="${name}" class="org.apache.synapse.startup.tasks.MessageInjector" group="synapse.simple.quartz">
    ${trigger}
    <property name="injectTo" value="sequence"/>
    <property name="sequenceName" value="SampleSequence"/>
    ${extra}
    ${MESSAGE}
</task>`;

const customTask = (file: string, name: string) => ({ file, as: file.replace('snippet_', 'task_'), edits: [addSynapseNs, replace('name="CheckPrice"', `name="${name}"`)] });

export default defineCase({
  id: 'scheduled-tasks/task-trigger-variants',
  title: 'Task triggers and injection targets from the task reference: once fires one time, an interval repeats, interval+count stops after count firings, a Quartz cron fires on its seconds; cron with interval is refused; MessageInjector reaches a sequence, a proxy and (with to) an endpoint through main; a task pinned to other servers is not scheduled',
  status: 'pass',
  docsWrong: [
    'the trigger examples have no Synapse namespace on <task> and the to example declares it on the payload element instead; the namespace is added to <task>',
    'the trigger examples run org.wso2.esb.tutorial.tasks.PlaceStockOrderTask, a custom Java class the page does not give: without its jar MI cannot load them either, and they are refused here; each trigger form is run by a MessageInjector task of ours instead',
    'the page does not say a task and the same trigger may not combine cron with interval: "Trigger syntax error : both cron and simple trigger attributes are present" (refused)',
    'the injectTo examples name SampleSequence and SampleProxy without defining them: ours log the injected symbol',
    'the to example goes through the main sequence MI ships (full log, then send to the To address when it is the sample backend\'s): a project here has no main sequence, so MI\'s is added (its <in> part: the <in>/<out> filters of old Synapse are not offered here, and the task\'s message has no response to send on)',
    'pinned servers have no XML example: the reconstructed pinnedServers attribute is used',
  ],
  deviates: [
    'interval="5" triggers of our constructions use 1 s and the 1:30 AM cron uses */2 seconds, so the schedules show within a test; the page\'s own to/sequence/proxy tasks keep their 5 s',
    'this server is not named node1 or node2, so the pinned task is not scheduled here (shown suspended, logged): the single node is the one a pinned task fails over to only in a cluster',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    customTask('snippet_trigger_once.xml', 'CustomOnce'),
    customTask('snippet_trigger_every_5s.xml', 'CustomEvery5s'),
    customTask('snippet_trigger_every_5s_10_times.xml', 'CustomEvery5s10Times'),
    customTask('snippet_trigger_cron.xml', 'CustomCron'),
    { file: 'snippet_task_to_endpoint.xml', as: 'task_CheckPrice.xml', edits: [replace('<task class=', `<task ${NS} class=`), backendAt('http://localhost:9000', 'quotes')] },
    { file: 'snippet_inject_to_sequence.xml', as: 'task_SampleInjectToSequenceTask.xml', edits: [addSynapseNs] },
    { file: 'snippet_inject_to_proxy.xml', as: 'task_SampleInjectToProxyTask.xml', edits: [addSynapseNs] },
    { file: 'snippet_pinned_servers.reconstructed.xml', as: 'task_CheckPricePinned.xml', edits: [replace('name="CheckPrice"', 'name="CheckPricePinned"')] },
    {
      name: 'sequence_main.xml',
      why: 'MI ships a main sequence (synapse-configs/default/sequences/main.xml) that sends messages addressed to http://localhost:9000 on to their To; the to example relies on it, and a project here has none',
      text: (t) => `<sequence ${NS} name="main"><log level="full"/><filter source="get-property('To')" regex="${t.backendUrl('quotes').replace(/\./g, '\\.')}.*"><send/></filter></sequence>`,
    },
    { name: 'sequence_SampleSequence.xml', why: 'the sequence the injectTo=sequence examples name', text: () => `<sequence ${NS} name="SampleSequence"><log level="custom"><property name="task" expression="get-property('task.name')"/><property name="symbol" expression="//m0:symbol" xmlns:m0="http://services.samples"/></log><drop/></sequence>` },
    { name: 'proxy_SampleProxy.xml', why: 'the proxy the injectTo=proxy example names', text: () => `<proxy ${NS} name="SampleProxy" transports="http"><target><inSequence><log level="custom"><property name="proxy got" expression="//m0:symbol" xmlns:m0="http://services.samples"/></log><drop/></inSequence></target></proxy>` },
    { name: 'task_Once.xml', why: 'the page\'s once trigger on a MessageInjector', text: () => injectorTask('Once', '<trigger once="true"/>') },
    { name: 'task_EverySecond.xml', why: 'the page\'s interval trigger (5 s there), repeating forever', text: () => injectorTask('EverySecond', '<trigger interval="1"/>') },
    { name: 'task_ThreeTimes.xml', why: 'the page\'s interval + count trigger (5 s x 10 there)', text: () => injectorTask('ThreeTimes', '<trigger interval="1" count="3"/>') },
    { name: 'task_EvenSeconds.xml', why: 'the page\'s cron trigger, on every even second instead of 1:30 AM', text: () => injectorTask('EvenSeconds', '<trigger cron="*/2 * * * * ?"/>') },
    { name: 'task_Sequential.xml', why: 'the page\'s sequential property on a task', text: () => injectorTask('Sequential', '<trigger once="true"/>', '<property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="sequential" value="true"/>') },
    { name: 'task_CronAndInterval.xml', why: 'cron and interval together, which MI refuses', text: () => injectorTask('CronAndInterval', '<trigger cron="0 30 1 * * ?" interval="5"/>') },
  ],
  expectRefused: ['task_trigger_once.xml', 'task_trigger_every_5s.xml', 'task_trigger_every_5s_10_times.xml', 'task_trigger_cron.xml', 'task_CronAndInterval.xml'],
  async run(t) {
    const refusal = (file: string) => t.refused.find((r) => r.file === file)?.messages.join(' ') ?? '';
    for (const f of ['task_trigger_once.xml', 'task_trigger_every_5s.xml', 'task_trigger_every_5s_10_times.xml', 'task_trigger_cron.xml']) {
      expect(refusal(f)).toContain('org.wso2.esb.tutorial.tasks.PlaceStockOrderTask is custom Java code');
    }
    expect(refusal('task_CronAndInterval.xml')).toContain('Trigger syntax error : both cron and simple trigger attributes are present');

    const fired = (task: string) => t.logs().filter((l) => l.includes(`task = ${task}, symbol = IBM`)).length;
    // Injected into the page's sequence and proxy, and sent to the endpoint through main: at start, then after 5 s.
    await until('EverySecond fired three times', () => fired('EverySecond') >= 3, 8000);
    await until('ThreeTimes fired three times', () => fired('ThreeTimes') === 3, 5000);
    await until('two even-second cron firings', () => fired('EvenSeconds') >= 2, 8000);
    await until('SampleInjectToSequenceTask fired twice', () => fired('SampleInjectToSequenceTask') === 2, 8000);
    await until('SampleProxy got two messages', () => t.logs().filter((l) => l.includes('{proxy:SampleProxy}') && l.includes('proxy got = IBM')).length === 2, 8000);
    await until('two getQuote calls from CheckPrice', () => t.backend('quotes').lastRequests.length >= 2, 8000);
    const calls = t.backend('quotes').lastRequests;
    expect(String(calls[0].headers.soapaction)).toContain('urn:getQuote');
    expect(calls[0].body).toContain('<m0:symbol>IBM</m0:symbol>');

    // Counted triggers stop; once fires once.
    await sleep(2500);
    expect(fired('ThreeTimes')).toBe(3);
    expect(fired('Once')).toBe(1);
    expect(fired('Sequential')).toBe(1);
    expect(fired('SampleInjectToSequenceTask')).toBe(2);
    expect(fired('EverySecond')).toBeGreaterThanOrEqual(5);

    // Pinned to node1, node2: not scheduled on this server.
    expect(fired('CheckPricePinned')).toBe(0);
    expect(t.logs().some((l) => /Task CheckPricePinned is pinned to node1, node2 and is not scheduled on /.test(l))).toBe(true);
  },
});
