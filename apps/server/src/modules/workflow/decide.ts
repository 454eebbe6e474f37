import { mayAct, missingNeeds, stateAfter, type Workflow } from '@wangge/rules';
import { AppError, badRequest, forbidden } from '../../http/errors.ts';

/** What the caller calls the item in messages: `代办` / `errand`. */
export interface ItemNoun {
  zh: string;
  en: string;
}

/**
 * The checks every workflow item's action makes, in one order and with one error shape: the
 * version the caller saw (409 stale_version), the workflow's states (409 illegal_transition with
 * the current state), the caller's relations (403) and the action's inputs (400 naming the first
 * missing one). Returns the state the action leads to. The caller has locked the item's row; what
 * the action then writes (effects, the append-only step, audit, notifications) is its own.
 */
export function decideTransition<
  S extends string,
  A extends string,
  R extends string,
  N extends string,
>(options: {
  workflow: Workflow<S, A, R, N>;
  noun: ItemNoun;
  item: { state: S; version: number; fields?: Readonly<Record<string, unknown>> };
  action: A;
  /** The version the caller saw; undefined for an action that needs none (a trace on the side). */
  expectedVersion: number | undefined;
  relations: ReadonlySet<R> | readonly R[];
  input: Readonly<Partial<Record<N, unknown>>>;
}): S {
  const { workflow, noun, item, action } = options;
  if (options.expectedVersion !== undefined && options.expectedVersion !== item.version) {
    throw new AppError(
      409,
      'stale_version',
      `${noun.zh}已被他人更新，请刷新后重试 (the ${noun.en} changed since you loaded it)`,
      { field: 'version', state: item.state, version: item.version },
    );
  }
  if (!workflow.transitions[action].from.includes(item.state)) {
    throw new AppError(
      409,
      'illegal_transition',
      `当前状态不能执行该操作 (cannot ${action} a ${noun.en} that is ${item.state})`,
      { state: item.state, action, version: item.version },
    );
  }
  if (!mayAct(workflow, action, item.state, options.relations)) {
    throw forbidden(`您不能对该${noun.zh}执行此操作 (not permitted to ${action} this ${noun.en})`, {
      action,
      relations: [...options.relations],
    });
  }
  const missing = missingNeeds(workflow, action, options.input);
  if (missing.length) {
    throw badRequest(missing[0]!, `缺少 ${missing[0]} (this action needs ${missing.join(', ')})`);
  }
  return stateAfter(workflow, action, item.state, item.fields);
}
