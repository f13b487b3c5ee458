/**
 * What organizers decided in the team review, per topic: who the form showed on the team when it was opened,
 * and who was on it when they submitted.
 */
export interface ReviewedTeam {
  number: number;
  shown: readonly string[];
  chosen: readonly string[];
}

/** The membership changes that carry a review out. */
export interface TeamChange {
  number: number;
  add: string[];
  remove: string[];
}

export interface TeamPlan {
  changes: TeamChange[];
  /** Every reviewed topic's team as it will be. */
  teams: Map<number, string[]>;
  /** People organizers placed on more than one topic, with those topics (a problem under the one-team rule). */
  onSeveral: Map<string, number[]>;
}

/**
 * Turns a review into membership changes against the teams as they are now. Organizers decide about the people
 * they saw: whoever they put on a team is on it, whoever they took off is off it. People who joined a team
 * after the form was opened are left where they are, unless organizers placed them elsewhere under the
 * one-team rule, which moves them.
 */
export function planTeams(
  current: ReadonlyMap<number, readonly string[]>,
  reviewed: readonly ReviewedTeam[],
  onePerPerson: boolean,
): TeamPlan {
  const placedOn = new Map<string, number[]>();
  for (const team of reviewed) {
    for (const userId of new Set(team.chosen))
      placedOn.set(userId, [...(placedOn.get(userId) ?? []), team.number]);
  }
  const reviewedNumbers = new Set(reviewed.map((team) => team.number));
  const numbers = [...new Set([...current.keys(), ...reviewedNumbers])].sort((a, b) => a - b);
  const teams = new Map<number, string[]>();
  const changes: TeamChange[] = [];
  for (const number of numbers) {
    const now = current.get(number) ?? [];
    const review = reviewed.find((team) => team.number === number);
    const takenOff = new Set((review?.shown ?? []).filter((userId) => !review?.chosen.includes(userId)));
    const desired = new Set([...now.filter((userId) => !takenOff.has(userId)), ...(review?.chosen ?? [])]);
    if (onePerPerson) {
      for (const userId of desired) {
        const placed = placedOn.get(userId);
        if (placed && !placed.includes(number)) desired.delete(userId);
      }
    }
    const add = [...desired].filter((userId) => !now.includes(userId)).sort();
    const remove = now.filter((userId) => !desired.has(userId)).sort();
    if (reviewedNumbers.has(number)) teams.set(number, [...desired].sort());
    if (add.length > 0 || remove.length > 0) changes.push({ number, add, remove });
  }
  const onSeveral = new Map([...placedOn].filter(([, placed]) => placed.length > 1));
  return { changes, teams, onSeveral };
}
