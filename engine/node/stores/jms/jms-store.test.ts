/** The JMS message store on ActiveMQ (STOMP connector): the backend contract every store owes the processors, each run on its own queue; an unreachable broker. */
import { expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { MemoryLogger } from '../../../core/logger.js';
import { backendContract } from '../testing/backend-contract.js';
import { JmsStore } from './jms-store.js';

const amq = await probeService({ name: 'ActiveMQ (STOMP)', port: 61613, start: '.ci/services/activemq.sh' });

describeWithServices('JMS message store', [amq], () => {
  backendContract(
    async () => {
      const q = `mediate-jms-store-${randomUUID()}`;
      return () => new JmsStore('S', { 'java.naming.provider.url': 'tcp://localhost:61616', 'store.jms.destination': q }, new MemoryLogger());
    },
    { durable: true },
  );

  it('an unreachable broker is a StoreUnavailableError naming the store and the broker', async () => {
    const s = new JmsStore('Orders', { 'java.naming.provider.url': 'tcp://localhost:61616', 'mediate.jms.stomp.port': '1' }, new MemoryLogger());
    await expect(s.open()).rejects.toMatchObject({ name: 'StoreUnavailableError', message: expect.stringMatching(/JMS message store Orders cannot reach the broker at 127\.0\.0\.1:1 \(tcp:\/\/localhost:61616\)/) });
  });
});
