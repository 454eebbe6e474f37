// One workflow mechanism: cases, errands and every later workflow (disputes, appeals, alerts) are
// state machines as data — states, actions, and per action the states it may be taken in, the
// state it leads to, the caller's relations it needs and the inputs it requires — acted on by
// these same functions. A new workflow declares its table; it never copies the logic.

export interface WorkflowBranch<S extends string> {
  /** The item's fields choose another end state: `field` holding `value` leads `to`. */
  readonly field: string;
  readonly value: string;
  readonly to: S;
}

export interface WorkflowTransition<S extends string, R extends string, N extends string> {
  /** States the action may be taken in. */
  readonly from: readonly S[];
  /** State after the action; null = unchanged (the action only leaves a trace). */
  readonly to: S | null;
  /** Relations of which the caller needs at least one. */
  readonly by: readonly R[];
  /** Inputs that must be present and non-empty. */
  readonly needs?: readonly N[];
  readonly branches?: readonly WorkflowBranch<S>[];
}

export interface Workflow<S extends string, A extends string, R extends string, N extends string> {
  readonly name: string;
  readonly actions: readonly A[];
  readonly transitions: Readonly<Record<A, WorkflowTransition<S, R, N>>>;
}

export class IllegalWorkflowTransitionError extends Error {
  readonly code = 'illegal_transition';
  constructor(
    readonly workflow: string,
    readonly action: string,
    readonly state: string,
  ) {
    super(`${workflow}: action ${action} is not allowed in state ${state}`);
    this.name = 'IllegalWorkflowTransitionError';
  }
}

type Relations<R extends string> = ReadonlySet<R> | readonly R[];

function hasAny<R extends string>(relations: Relations<R>, wanted: readonly R[]): boolean {
  if (Array.isArray(relations)) return wanted.some((r) => (relations as readonly R[]).includes(r));
  const set = relations as ReadonlySet<R>;
  return wanted.some((r) => set.has(r));
}

/** May a caller with these relations take this action on an item in this state? */
export function mayAct<S extends string, A extends string, R extends string, N extends string>(
  workflow: Workflow<S, A, R, N>,
  action: A,
  state: S,
  relations: Relations<R>,
): boolean {
  const t = workflow.transitions[action];
  return t.from.includes(state) && hasAny(relations, t.by);
}

/** Every action the caller may take in this state, in the workflow's order. */
export function actionsFor<S extends string, A extends string, R extends string, N extends string>(
  workflow: Workflow<S, A, R, N>,
  state: S,
  relations: Relations<R>,
): A[] {
  return workflow.actions.filter((action) => mayAct(workflow, action, state, relations));
}

/**
 * The state after the action (a branch chosen by the item's fields may lead elsewhere; a
 * trace-only action keeps the state). Throws IllegalWorkflowTransitionError.
 */
export function stateAfter<S extends string, A extends string, R extends string, N extends string>(
  workflow: Workflow<S, A, R, N>,
  action: A,
  state: S,
  fields: Readonly<Record<string, unknown>> = {},
): S {
  const t = workflow.transitions[action];
  if (!t.from.includes(state)) throw new IllegalWorkflowTransitionError(workflow.name, action, state);
  const branch = t.branches?.find((b) => fields[b.field] === b.value);
  return branch?.to ?? t.to ?? state;
}

/** The action's needs that `present` says are missing from the input, in the order of its `needs`. */
export function missingNeeds<S extends string, A extends string, R extends string, N extends string>(
  workflow: Workflow<S, A, R, N>,
  action: A,
  input: Readonly<Partial<Record<N, unknown>>>,
  present: (need: N, value: unknown) => boolean = (_, v) => typeof v === 'string' && v.trim() !== '',
): N[] {
  return (workflow.transitions[action].needs ?? []).filter((need) => !present(need, input[need]));
}
