export { JdbcStoreBackend, jdbcStoreFactory } from './jdbc-store.js';
export { ResequenceStoreBackend, resequenceStoreFactory } from './resequence-store.js';
