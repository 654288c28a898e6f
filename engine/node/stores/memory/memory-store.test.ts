import { describe } from 'vitest';
import { backendContract } from '../testing/backend-contract.js';
import { InMemoryStoreBackend } from './memory-store.js';

describe('InMemoryStore backend', () => {
  backendContract(async () => {
    const b = new InMemoryStoreBackend('S');
    return () => b;
  }, { durable: false });
});
