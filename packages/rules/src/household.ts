// A grid should hold 300–500 households (some cities use 300–400, hence the rule parameter).

export interface HouseholdRule {
  min: number;
  max: number;
}

export type HouseholdStatus = 'under' | 'ok' | 'over';

export const HOUSEHOLD_RULE: Readonly<HouseholdRule> = Object.freeze({ min: 300, max: 500 });

/** Both bounds are inclusive: 300 and 500 households are within the rule. */
export function householdStatus(households: number, rule: HouseholdRule = HOUSEHOLD_RULE): HouseholdStatus {
  if (!Number.isFinite(households) || households < 0) {
    throw new RangeError(
      `户数必须是非负数 (household count must be a non-negative number), got ${households}`,
    );
  }
  if (!(rule.min <= rule.max)) {
    throw new RangeError(`户数规则下限大于上限 (rule min exceeds max): ${rule.min} > ${rule.max}`);
  }
  if (households < rule.min) return 'under';
  if (households > rule.max) return 'over';
  return 'ok';
}

/** How a person is tied to a house: owns it, rents it, or lives in it. */
export type HouseLinkKind = 'owner' | 'tenant' | 'resident';
export const HOUSE_LINK_KINDS: readonly HouseLinkKind[] = ['resident', 'tenant', 'owner'];

/** Why a person left a household: the end of a link is kept with its reason, never deleted. */
export type HouseLinkEndReason = 'moved_out' | 'deceased' | 'deregistered' | 'other';
export const HOUSE_LINK_END_REASONS: readonly HouseLinkEndReason[] = [
  'moved_out',
  'deceased',
  'deregistered',
  'other',
];

export interface HouseholdMember<P> {
  person: P;
  /** Every current link of the person to this house, living-in first (resident, tenant, owner). */
  kinds: HouseLinkKind[];
  /** Lives here (resident or tenant), as opposed to only owning the house. */
  livesHere: boolean;
}

/**
 * The people of one house from its current links: an owner who also lives there has two links but
 * is one member, so the sheet lists and counts each person once. Order follows the first link.
 */
export function householdMembers<P extends { id: string }>(
  links: readonly { kind: HouseLinkKind; person: P }[],
): HouseholdMember<P>[] {
  const members = new Map<string, HouseholdMember<P>>();
  for (const link of links) {
    const seen = members.get(link.person.id);
    const member = seen ?? { person: link.person, kinds: [], livesHere: false };
    if (!member.kinds.includes(link.kind)) member.kinds.push(link.kind);
    member.kinds.sort((a, b) => HOUSE_LINK_KINDS.indexOf(a) - HOUSE_LINK_KINDS.indexOf(b));
    member.livesHere ||= link.kind !== 'owner';
    if (!seen) members.set(link.person.id, member);
  }
  return [...members.values()];
}

/** The number of people living in a house (distinct, owners who live elsewhere not counted). */
export function residentCount(members: readonly { livesHere: boolean }[]): number {
  return members.filter((m) => m.livesHere).length;
}

/** 产权性质 of a house, and 居住状况: whether anyone lives there (migration 0025). */
export type HouseOwnership = 'private' | 'public' | 'collective' | 'unit' | 'other';
export const HOUSE_OWNERSHIPS: readonly HouseOwnership[] = [
  'private',
  'public',
  'collective',
  'unit',
  'other',
];
export type HouseOccupancy = 'occupied' | 'vacant' | 'seasonal';
export const HOUSE_OCCUPANCIES: readonly HouseOccupancy[] = ['occupied', 'vacant', 'seasonal'];
