/**
 * The shape of every state machine in the portal. A service writes its table once
 * (`transitions.ts` beside its rules) and the same table answers three questions:
 * which buttons the page draws (`actionsFor`), whether the mutation may proceed
 * (`requireTransition`), and what the tests walk.
 *
 * `by` names capacities, not roles: the part a viewer plays towards one record
 * ("applicant", "supervisor" of that applicant, "hr_dev", "system" …). The service's
 * `capacitiesOf(viewer, record)` decides which capacities a viewer holds for a record.
 */
import { refuse } from "./refusal";

export type Transition<Status extends string, Capacity extends string, Action extends string = string> = {
  /** null: the record is being created. */
  readonly from: Status | null;
  readonly to: Status;
  readonly by: readonly Capacity[];
  readonly action: Action;
  /** The button's text. */
  readonly label: string;
  /** A reason must be given (returns, rejections, removals). */
  readonly needsComment: boolean;
};

type AnyTransition = Transition<string, string, string>;

/**
 * The transitions a viewer holding `capacities` may take from `from`, optionally narrowed
 * by a guard (time windows, deadlines) the service checks with its pure rules.
 */
export function actionsFor<T extends AnyTransition>(
  table: readonly T[],
  from: T["from"],
  capacities: readonly T["by"][number][],
  guard: (t: T) => boolean = () => true,
): T[] {
  return table.filter((t) => t.from === from && t.by.some((c) => capacities.includes(c)) && guard(t));
}

/** The transition from → to that `capacity` may take, if any. */
export function findTransition<T extends AnyTransition>(table: readonly T[], from: T["from"], to: T["to"], capacity: T["by"][number]): T | undefined {
  return table.find((t) => t.from === from && t.to === to && t.by.includes(capacity));
}

/** Whether `capacity` may perform `action` on a record in `from` (to any target). */
export function canDo<T extends AnyTransition>(table: readonly T[], from: T["from"], action: T["action"], capacity: T["by"][number]): boolean {
  return table.some((t) => t.from === from && t.action === action && t.by.includes(capacity));
}

/**
 * The transition or a `conflict` refusal with the given message: the mutation's guard.
 * (Whether the viewer may see the record at all is the query's job, answered as not_found.)
 */
export function requireTransition<T extends AnyTransition>(
  table: readonly T[],
  from: T["from"],
  to: T["to"],
  capacity: T["by"][number],
  message: string,
): T {
  return findTransition(table, from, to, capacity) ?? refuse("conflict", message);
}

/**
 * A status set as the SQL list of a partial index or a money total: `'a', 'b'`. Statuses
 * are code constants of [a-z_] only, so quoting them is safe; anything else is a bug.
 */
export function sqlStatusList(statuses: readonly string[]): string {
  for (const s of statuses) if (!/^[a-z_]+$/.test(s)) throw new Error(`not a status: ${s}`);
  return statuses.map((s) => `'${s}'`).join(", ");
}
