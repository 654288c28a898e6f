/**
 * The runtime view in browser mode in Debian's Chromium: run the project, see an HTTP inbound
 * endpoint listening, a file endpoint polling, a task scheduled and one failed on a port in use
 * (its error as the title); run the task now; drop a file with Try-it and see it processed; send a
 * TCP record and an HL7 message with socket Try-it and see the reply (and the trace); open the HL7
 * endpoint on the canvas; publish to a RabbitMQ queue with the broker Try-it (the machine's RabbitMQ,
 * which .ci/run starts) and see the consuming sequence's log.
 * Skips (saying why) where Chromium is absent.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, type StudioSession } from './studio-session.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const A = 'src/main/wso2mi/artifacts';
const work = mkdtempSync(path.join(os.tmpdir(), 'mediate-e2e-runtime-'));
mkdirSync(path.join(work, 'in'));
mkdirSync(path.join(work, 'out'));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describeInChromium('runtime view: inbound endpoints and tasks', () => {
  let session: StudioSession;
  let page: Page;
  let blocker: net.Server;
  let busyPort: number;
  let httpPort: number;
  let tcpPort: number;
  let hl7Port: number;
  let queue: string;

  beforeAll(async () => {
    httpPort = await freePort();
    tcpPort = await freePort();
    hl7Port = await freePort();
    // The broker Try-it publishes to this queue, which the RabbitOrders endpoint consumes (auto-deleted with it).
    queue = `mediate_e2e_tryit_${Date.now().toString(36)}`;
    blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    busyPort = (blocker.address() as net.AddressInfo).port;
    const files: Record<string, string> = {
      [`${A}/sequences/CopyOut.xml`]: `<sequence ${SYN} name="CopyOut"><property name="transport.vfs.ReplyFileName" expression="get-property('transport','FILE_NAME')" scope="transport"/><property name="OUT_ONLY" value="true"/><call><endpoint><address uri="vfs:file://${work}/out"/></endpoint></call></sequence>`,
      [`${A}/inbound-endpoints/Files.xml`]: `<inboundEndpoint ${SYN} name="Files" protocol="file" sequence="CopyOut"><parameters><parameter name="interval">60000</parameter><parameter name="transport.vfs.FileURI">file://${work}/in</parameter></parameters></inboundEndpoint>`,
      [`${A}/inbound-endpoints/Listener.xml`]: `<inboundEndpoint ${SYN} name="Listener" protocol="http" sequence="CopyOut"><parameters><parameter name="inbound.http.port">${httpPort}</parameter></parameters></inboundEndpoint>`,
      [`${A}/inbound-endpoints/Busy.xml`]: `<inboundEndpoint ${SYN} name="Busy" protocol="http" sequence="CopyOut"><parameters><parameter name="inbound.http.port">${busyPort}</parameter></parameters></inboundEndpoint>`,
      [`${A}/proxy-services/Shout.xml`]: `<proxy ${SYN} name="Shout" transports="tcp"><target><inSequence><payloadFactory media-type="xml"><format><shout xmlns="">$1</shout></format><args><arg expression="//text()"/></args></payloadFactory><log level="custom"><property name="shouted" expression="//text()"/></log><respond/></inSequence></target>
        <parameter name="transport.tcp.port">${tcpPort}</parameter><parameter name="transport.tcp.contentType">application/xml</parameter><parameter name="transport.tcp.recordDelimiter">0x0A</parameter><parameter name="transport.tcp.recordDelimiterType">byte</parameter></proxy>`,
      [`${A}/sequences/Admit.xml`]: `<sequence ${SYN} name="Admit"><log level="custom"><property name="admitted" expression="//*[local-name()='PID.3']/*[local-name()='CX.1']"/></log><drop/></sequence>`,
      [`${A}/inbound-endpoints/Hl7In.xml`]: `<inboundEndpoint ${SYN} name="Hl7In" protocol="hl7" sequence="Admit" onError="fault" suspend="false"><parameters><parameter name="inbound.hl7.Port">${hl7Port}</parameter><parameter name="inbound.hl7.AutoAck">true</parameter></parameters></inboundEndpoint>`,
      [`${A}/sequences/LogOrder.xml`]: `<sequence ${SYN} name="LogOrder"><log level="custom"><property name="order" expression="json-eval($.order)"/></log><drop/></sequence>`,
      [`${A}/inbound-endpoints/RabbitOrders.xml`]: `<inboundEndpoint ${SYN} name="RabbitOrders" protocol="rabbitmq" sequence="LogOrder" onError="fault" suspend="false"><parameters><parameter name="rabbitmq.server.host.name">localhost</parameter><parameter name="rabbitmq.server.port">5672</parameter><parameter name="rabbitmq.queue.name">${queue}</parameter><parameter name="rabbitmq.queue.durable">false</parameter><parameter name="rabbitmq.queue.auto.delete">true</parameter></parameters></inboundEndpoint>`,
      [`${A}/tasks/Nightly.xml`]: `<task ${SYN} name="Nightly" class="org.apache.synapse.startup.tasks.MessageInjector"><trigger cron="0 30 1 * * ?"/><property name="injectTo" value="sequence"/><property name="sequenceName" value="CopyOut"/><property name="message"><ping/></property></task>`,
    };
    session = await openStudio({
      name: 'mediate-e2e-runtime-view-',
      needsRuntime: true,
      files: files,
    });
    ({ page } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    blocker?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const item = (artifact: string) => page.locator(`[data-testid="runtime-item"][data-artifact="${artifact}"]`);

  it('lists inbound endpoints and tasks with their state, runs a task now and drops a Try-it file', async () => {
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/running on port \d+/);
    await page.getByTestId('runtime-tab').click();
    await page.getByTestId('runtime-view').waitFor();
    await expect.poll(() => item('inbound-endpoint:Listener').getAttribute('data-state'), { timeout: 15_000 }).toBe('listening');
    await expect.poll(() => item('inbound-endpoint:Files').getAttribute('data-state')).toBe('polling');
    await expect.poll(() => item('task:Nightly').getAttribute('data-state')).toBe('scheduled');
    await expect.poll(() => item('inbound-endpoint:Busy').getAttribute('data-state')).toBe('failed');
    await expect(item('inbound-endpoint:Busy').getAttribute('title')).resolves.toBe(`port ${busyPort} is already in use by another application or endpoint`);

    await item('task:Nightly').getByTestId('task-run-now').click();
    await expect.poll(() => page.getByTestId('runtime-outcome').innerText()).toBe('Nightly ran');

    await item('inbound-endpoint:Files').getByRole('button', { name: 'Drop a file…' }).click();
    await page.getByTestId('tryit-file').waitFor();
    await page.getByTestId('tryit-file-name').fill('order.xml');
    await page.getByTestId('tryit-file-content').fill('<order><id>5</id></order>');
    await page.getByTestId('tryit-file-send').click();
    await expect.poll(() => page.getByTestId('runtime-outcome').innerText(), { timeout: 10_000 }).toBe('order.xml dropped and polled');
    expect(existsSync(path.join(work, 'out', 'order.xml'))).toBe(true);
    expect(readFileSync(path.join(work, 'out', 'order.xml'), 'utf8')).toContain('<id>5</id>');
  });

  it('sends a TCP record and an HL7 message with socket Try-it and shows the reply and the trace', async () => {
    await expect.poll(() => item('proxy:Shout').getAttribute('data-state'), { timeout: 15_000 }).toBe('listening');
    await item('proxy:Shout').getByTestId('tryit-socket-open').click();
    await expect.poll(() => page.getByTestId('tryit-socket').getAttribute('data-protocol')).toBe('tcp');
    await page.getByTestId('tryit-socket-payload').fill('<m>hello</m>');
    await page.getByTestId('tryit-socket-send').click();
    await expect.poll(() => page.getByTestId('tryit-socket-reply').innerText(), { timeout: 10_000 }).toBe('<shout>hello</shout>');
    await expect.poll(() => page.getByTestId('tryit-socket-trace').innerText()).toContain('shouted = hello');

    await expect.poll(() => item('inbound-endpoint:Hl7In').getAttribute('data-state')).toBe('listening');
    await item('inbound-endpoint:Hl7In').getByTestId('tryit-socket-open').click();
    await expect.poll(() => page.getByTestId('tryit-socket').getAttribute('data-protocol')).toBe('hl7');
    // The sample payload (an ADT^A01 with control id MSG00001) is there at once.
    await page.getByTestId('tryit-socket-send').click();
    // Auto-ack answers before the flow runs, so the trace may be empty here: the ACK is the check.
    await expect.poll(() => page.getByTestId('tryit-socket-reply').innerText(), { timeout: 10_000 }).toMatch(/^MSH\|\^~\\&\|RECEIVER\|HOSPITAL\|TRYIT\|MEDIATE\|[\s\S]*\nMSA\|AA\|MSG00001$/);
  });

  it('shows the HL7 inbound endpoint on the canvas leading to its sequence, which opens from there', async () => {
    await session.item(`${A}/inbound-endpoints/Hl7In.xml`).click();
    await session.tab(`${A}/inbound-endpoints/Hl7In.xml`).waitFor();
    await page.getByTestId('view-design').click();
    const section = page.getByTestId('flow-section').first();
    await expect.poll(() => section.innerText(), { timeout: 10_000 }).toContain(`hl7 inbound endpoint on port ${hl7Port} · injects into`);
    await section.getByRole('button', { name: 'sequence Admit ↗' }).click();
    await session.tab(`${A}/sequences/Admit.xml`).waitFor({ timeout: 10_000 });
  });

  it('publishes to the queue a RabbitMQ inbound endpoint consumes with the broker Try-it and shows what its sequence logged', async () => {
    await expect.poll(() => item('inbound-endpoint:RabbitOrders').getAttribute('data-state'), { timeout: 15_000 }).toBe('listening');
    await session.item(`${A}/inbound-endpoints/RabbitOrders.xml`).click();
    await session.tab(`${A}/inbound-endpoints/RabbitOrders.xml`).waitFor();
    await page.getByTestId('tryit-open').click();
    // The open endpoint consumes a queue: Try-it opens on the broker form with it filled in.
    await page.getByTestId('tryit-broker').waitFor();
    await expect.poll(() => page.getByTestId('tryit-broker-destination').inputValue()).toBe(queue);
    await page.getByTestId('tryit-broker-payload').fill('{"order": "e2e-42"}');
    await page.getByTestId('tryit-broker-send').click();
    await expect.poll(() => page.getByTestId('tryit-broker-result').innerText(), { timeout: 10_000 }).toContain(`RabbitMQ queue ${queue}`);
    await expect.poll(() => page.getByTestId('tryit-broker-trace').innerText()).toContain('order = e2e-42');
  });
});
