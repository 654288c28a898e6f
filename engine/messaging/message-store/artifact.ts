/**
 * `<messageStore name class>` with `<parameter>`s: which backend keeps the
 * messages (by MI's store class) and its settings. Compiling only checks the
 * configuration; the backend is opened by the MessagingRuntime when the
 * artifact is deployed, so a database that is down at deploy does not stop
 * the rest of the project from serving.
 */
import { el, a, child } from '../../model/descriptor.js';
import type { ArtifactDefinition } from '../../artifacts/types.js';
import type { Loc } from '../../model/node.js';
import { readParameters, ParameterReader } from '../parameters.js';
import { canonicalStoreClass, StoreClass } from '../store-registry.js';

export interface CompiledMessageStore {
  name: string;
  /** The class MI would instantiate (deprecated names mapped; none = in-memory). */
  className: string;
  parameters: Record<string, string>;
  file?: string;
  loc: Loc;
}

const parameterDescriptor = el('parameter', [a.str('name', { required: true })], 'xml');

export const messageStoreArtifact: ArtifactDefinition = {
  kind: 'message-store',
  rootElement: 'messageStore',
  descriptor: el('messageStore', [a.str('name', { required: true }), a.str('class', { help: 'Store class (InMemoryStore when absent): JDBCMessageStore, RabbitMQStore, JmsStore, ResequenceMessageStore ...' }), a.description()], 'elements', [child(parameterDescriptor, { multiple: true })]),
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const className = canonicalStoreClass(node.attrs.class);
    const params = readParameters(node, env, `message store ${name}`);
    const reader = new ParameterReader(params, env, node.loc);
    if (className === StoreClass.Jdbc || className === StoreClass.Resequence) {
      const hasDs = reader.has('store.jdbc.dsName');
      const url = reader.str('store.jdbc.connection.url');
      if (!hasDs && url !== undefined && !/^jdbc:(sqlite|postgresql|mysql|mariadb|h2|derby):/i.test(url)) {
        reader.report('store.jdbc.connection.url', `store.jdbc.connection.url '${url}' names a database this runtime cannot reach; use jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb: or jdbc:sqlite: (no URL = SQLite under .mediate/)`);
      }
      if (className === StoreClass.Resequence && !reader.has('store.resequence.id.path')) reader.report('store.resequence.id.path', 'a resequence store needs store.resequence.id.path (the XPath of each message\'s sequence number)');
      reader.int('store.resequence.timeout', -1);
    }
    return { kind: 'message-store', name, value: { name, className, parameters: params.values, file: env.file, loc: node.loc } };
  },
};
