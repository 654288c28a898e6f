/** The canvas model of an inbound endpoint or a task: the trigger, leading to the sequence it injects into. */
import { describe, expect, it } from 'vitest';
import { analyseDocument } from './document-model.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

describe('inbound endpoints and tasks on the canvas', () => {
  it('shows an inbound endpoint (protocol, port) leading to its sequence and its error sequence', () => {
    const { model } = analyseDocument(`<inboundEndpoint ${SYN} name="Admissions" protocol="hl7" sequence="Admit" onError="Nack" suspend="false"><parameters><parameter name="inbound.hl7.Port">20000</parameter><parameter name="inbound.hl7.AutoAck">true</parameter></parameters></inboundEndpoint>`);
    expect(model.ok).toBe(true);
    expect(model.sections.map((s) => [s.title, s.sequenceKey])).toEqual([
      ['hl7 inbound endpoint on port 20000 · injects into', 'Admit'],
      ['hl7 inbound endpoint on port 20000 · on error', 'Nack'],
    ]);
  });

  it("shows a task's trigger leading to the sequence it injects into, or names the proxy", () => {
    const every = analyseDocument(`<task ${SYN} name="Tick" class="org.apache.synapse.startup.tasks.MessageInjector" group="synapse.simple.quartz"><trigger interval="5" count="3"/><property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="injectTo" value="sequence"/><property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="sequenceName" value="Quotes"/><property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="message"><m xmlns="">x</m></property></task>`).model;
    expect(every.sections.map((s) => [s.title, s.sequenceKey])).toEqual([['every 5 s, 3 times · injects into', 'Quotes']]);
    const cron = analyseDocument(`<task ${SYN} name="Nightly" class="org.apache.synapse.startup.tasks.MessageInjector"><trigger cron="0 30 1 * * ?"/><property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="injectTo" value="proxy"/><property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="proxyName" value="Orders"/><property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="message"><m xmlns="">x</m></property></task>`).model;
    expect(cron.sections.map((s) => [s.title, s.sequenceKey])).toEqual([['cron 0 30 1 * * ? · injects into proxy Orders', undefined]]);
  });
});
