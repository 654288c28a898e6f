export { JdbcStoreBackend, jdbcStoreFactory } from './jdbc-store.js';
