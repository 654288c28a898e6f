/**
 * Links a deployed store artifact to the live store the MessagingRuntime
 * opened for it. Keyed by the compiled artifact object, so two engines in one
 * process never see each other's stores, and a redeploy (a new object) starts
 * unlinked until the runtime has opened its backend.
 */
import type { CompiledMessageStore } from './message-store/artifact.js';
import type { StoredMessage } from './stored-message.js';

/** What the store mediator needs of a live store. */
export interface StoreHandle {
  readonly storeName: string;
  /** Resolves once the backend accepted the message (see the delivery contract in store.ts). */
  accept(message: StoredMessage): Promise<void>;
}

const handles = new WeakMap<CompiledMessageStore, StoreHandle>();

export function attachStoreHandle(store: CompiledMessageStore, handle: StoreHandle): void {
  handles.set(store, handle);
}

export function detachStoreHandle(store: CompiledMessageStore): void {
  handles.delete(store);
}

export function storeHandleOf(store: CompiledMessageStore): StoreHandle | undefined {
  return handles.get(store);
}
