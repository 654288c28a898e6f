/**
 * The grammar as the language service needs it: descriptors by element,
 * derived from the engine's catalog at call time (new mediators appear on
 * their own).
 */
import { artifactDefinitions, mediatorDefinitions, type ArtifactDefinition, type ElementDescriptor, type MediatorDefinition } from '../../../engine/index.js';

const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';

let mediatorIndex: Map<string, MediatorDefinition> | undefined;

/** Mediators of the Synapse namespace by element name. */
export function mediatorsByElement(): Map<string, MediatorDefinition> {
  if (!mediatorIndex || mediatorIndex.size !== mediatorDefinitions.length) {
    mediatorIndex = new Map(mediatorDefinitions.filter((m) => m.descriptor.ns === undefined || m.descriptor.ns === SYNAPSE_NS).map((m) => [m.descriptor.element, m]));
  }
  return mediatorIndex;
}

export function artifactByRoot(element: string): ArtifactDefinition | undefined {
  return artifactDefinitions.find((d) => d.rootElement === element);
}

/** What an element position allows: its descriptor, and whether it sits in a mediator list. */
export interface GrammarSlot {
  descriptor?: ElementDescriptor;
  /** Help shown on hover (mediator editor help, else descriptor help). */
  help?: string;
  label?: string;
}

/**
 * Resolves a chain of element names (root first) to descriptors. An element
 * inside a mediator list resolves to its mediator; unknown or raw ('xml')
 * content ends the chain (undefined descriptors from there on).
 */
export function resolveChain(names: readonly string[]): GrammarSlot[] {
  const slots: GrammarSlot[] = [];
  let current: ElementDescriptor | undefined;
  names.forEach((name, i) => {
    let next: GrammarSlot = {};
    if (i === 0) {
      const def = artifactByRoot(name);
      if (def) next = { descriptor: def.descriptor, help: def.descriptor.help, label: def.kind };
    } else if (current && current.content !== 'xml') {
      const declared = current.children?.find((c) => c.descriptor.element === name);
      if (declared) next = { descriptor: declared.descriptor, help: declared.descriptor.help };
      else if (current.content === 'mediators') {
        const m = mediatorsByElement().get(name);
        if (m) next = { descriptor: m.descriptor, help: m.editor.help, label: m.editor.label };
      }
    }
    slots.push(next);
    current = next.descriptor;
  });
  return slots;
}

/** Elements allowed directly inside `parent` (undefined parent = artifact roots). */
export function allowedChildren(parent: ElementDescriptor | undefined): { element: string; help?: string; mediator: boolean; descriptor: ElementDescriptor }[] {
  if (!parent) return artifactDefinitions.filter((d) => d.ns === undefined).map((d) => ({ element: d.rootElement, help: d.descriptor.help ?? `${d.kind} artifact`, mediator: false, descriptor: d.descriptor }));
  if (parent.content === 'xml' || parent.content === 'text') return (parent.children ?? []).map((c) => ({ element: c.descriptor.element, help: c.descriptor.help, mediator: false, descriptor: c.descriptor }));
  const declared = (parent.children ?? []).map((c) => ({ element: c.descriptor.element, help: c.descriptor.help, mediator: false, descriptor: c.descriptor }));
  if (parent.content !== 'mediators') return declared;
  const mediators = [...mediatorsByElement().values()].map((m) => ({ element: m.descriptor.element, help: m.editor.help, mediator: true, descriptor: m.descriptor }));
  return [...declared, ...mediators.filter((m) => !declared.some((d) => d.element === m.element))];
}
