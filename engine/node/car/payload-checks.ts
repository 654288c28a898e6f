import type { Element } from '@xmldom/xmldom';
import { attr, childElements, parseDescriptor } from '../project/xml-read.js';
import type { CarArtifactEntry, CarIssue } from './analyse.js';
import { TYPE_CLASS_MEDIATOR } from './car-types.js';
import type { ZipEntry } from './zip.js';

const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';
const XML_PAYLOAD_TYPES = /^(synapse\/(?!lib$|metadata$)|service\/dataservice$|datasource\/datasource$)/;
/** Connection factories of the JMS listener in MI's default axis2 configuration. */
const DEFAULT_JMS_CONNECTION_FACTORIES = ['myTopicConnectionFactory', 'myQueueConnectionFactory', 'default'];
const FAULTY = 'MI fails to deploy it, rolls the CAR back and lists it as faulty';

/**
 * Checks the payload files of deployed artifacts for what makes MI's deployment handlers
 * throw (car-format.md §7 step 7): XML that does not parse, Synapse artifacts outside the
 * Synapse namespace, a proxy bound to a JMS connection factory the transport does not
 * define. Class mediators whose jar is not in the CAR are a warning: MI finds them only
 * when the server's lib/ has the jar.
 */
export function checkPayloads(artifacts: CarArtifactEntry[], byName: Map<string, ZipEntry>): CarIssue[] {
  const issues: CarIssue[] = [];
  const shipsClassMediators = artifacts.some((a) => a.deployed && a.type === TYPE_CLASS_MEDIATOR);
  for (const artifact of artifacts) {
    if (!artifact.deployed || !artifact.file || !XML_PAYLOAD_TYPES.test(artifact.type ?? '')) continue;
    const data = byName.get(artifact.file)?.data;
    if (!data) continue;
    const parsed = parseDescriptor(data.toString('utf8'));
    if ('error' in parsed) {
      issues.push({ severity: 'error', message: `${artifact.type} ${artifact.name} is not well-formed XML (${parsed.error}); ${FAULTY}`, entry: artifact.file });
      continue;
    }
    if (!artifact.type!.startsWith('synapse/')) continue;
    const root = parsed.root;
    if (root.namespaceURI !== SYNAPSE_NS) {
      issues.push({
        severity: 'error',
        message: `${artifact.type} ${artifact.name}: <${root.localName}> is not in the Synapse namespace ${SYNAPSE_NS}, so MI cannot build it; ${FAULTY}`,
        entry: artifact.file,
      });
      continue;
    }
    const factory = jmsConnectionFactory(root);
    if (factory !== undefined && !DEFAULT_JMS_CONNECTION_FACTORIES.includes(factory)) {
      issues.push({
        severity: 'error',
        message: `proxy ${artifact.name} listens on JMS with connection factory ${factory}, which MI's JMS transport does not define (${DEFAULT_JMS_CONNECTION_FACTORIES.join(', ')}); ${FAULTY}`,
        entry: artifact.file,
      });
    }
    if (!shipsClassMediators) {
      for (const name of classMediators(root)) {
        issues.push({
          severity: 'warning',
          message: `${artifact.name} uses class mediator ${name}, whose jar is not in this CAR; unless the server's lib/ has it, ${FAULTY}`,
          entry: artifact.file,
        });
      }
    }
  }
  return issues;
}

/** The transport.jms.ConnectionFactory parameter of a proxy exposed on JMS. */
function jmsConnectionFactory(root: Element): string | undefined {
  if (root.localName !== 'proxy') return undefined;
  const transports = (attr(root, 'transports') ?? '').split(/[\s,]+/);
  if (!transports.includes('jms')) return undefined;
  const param = childElements(root, 'parameter').find((p) => attr(p, 'name') === 'transport.jms.ConnectionFactory');
  return param ? (param.textContent ?? '').trim() : undefined;
}

function classMediators(root: Element): string[] {
  const found = new Set<string>();
  const walk = (el: Element) => {
    if (el.localName === 'class' && el.namespaceURI === SYNAPSE_NS) {
      const name = attr(el, 'name');
      if (name) found.add(name);
    }
    for (const child of childElements(el)) walk(child);
  };
  walk(root);
  return [...found].sort();
}
