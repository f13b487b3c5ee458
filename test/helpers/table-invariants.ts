import { teamCap } from '../../functions/domain/assignment.js';
import type { Topic } from '../../functions/domain/topic.js';

type Item = Record<string, unknown>;

const TOPIC_STATUSES = ['proposed', 'in_progress', 'done', 'paused', 'not_picked', 'dropped', 'withdrawn'];
const setOf = (value: unknown) => new Set([...((value as Iterable<string> | undefined) ?? [])]);
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

export interface InvariantOptions {
  /**
   * The largest team a topic may have. By default the cap its size and its hackathon's largest team give now;
   * a test whose traffic may have changed either passes the largest cap the topic had.
   */
  capOf?: (topic: Item, hackathon: Item) => number;
}

/**
 * What must hold in the table whatever traffic it saw, as a list of violations (empty when all hold):
 * - every topic is whole: the fields a topic is written with, a number within its hackathon's counter, and
 *   a card pointer (if it has a card) that points back at it;
 * - a topic's vote and interest counters equal its active vote records, and its interested people are theirs;
 * - a voter's tally equals their active votes;
 * - a topic's member count equals its member records and its members set, and is within its cap;
 * - a person's team count equals their member records.
 */
export function tableInvariantViolations(items: readonly Item[], options: InvariantOptions = {}): string[] {
  const violations: string[] = [];
  const of = (entity: string) => items.filter((item) => item.entity === entity);
  const hackathons = new Map(of('hackathon').map((h) => [String(h.id), h]));
  const votes = of('vote').filter((v) => v.state === 'active');
  const members = of('member');
  const cards = new Map(of('card').map((c) => [`${c.pk}`, c]));
  const capOf =
    options.capOf ??
    ((topic: Item, hackathon: Item) =>
      teamCap(topic as Pick<Topic, 'teamSize'>, (hackathon.teamSize as { max: number }).max));

  for (const topic of of('topic')) {
    const where = `topic ${String(topic.hackathonId)} #${String(topic.number)}`;
    const hackathon = hackathons.get(String(topic.hackathonId));
    if (!hackathon) {
      violations.push(`${where}: its hackathon does not exist`);
      continue;
    }
    const number = topic.number as number;
    if (!Number.isInteger(number) || number < 1 || number > Number(hackathon.topicCounter ?? 0))
      violations.push(`${where}: number outside 1..${String(hackathon.topicCounter)}`);
    for (const field of ['title', 'category', 'kind', 'proposerId', 'createdAt', 'updatedAt'])
      if (typeof topic[field] !== 'string' || topic[field] === '') violations.push(`${where}: no ${field}`);
    if (!TOPIC_STATUSES.includes(String(topic.status)))
      violations.push(`${where}: status ${String(topic.status)}`);
    if (!Array.isArray(topic.links)) violations.push(`${where}: links are not a list`);
    const card = topic.card as { channelId: string; ts: string } | null | undefined;
    if (card) {
      const pointer = cards.get(`CARD#${card.channelId}#${card.ts}`);
      if (!pointer || pointer.hackathonId !== topic.hackathonId || pointer.number !== number)
        violations.push(`${where}: its card pointer is missing or points elsewhere`);
    }

    const mine = (v: Item) => v.hackathonId === topic.hackathonId && v.number === number;
    const voters = votes.filter((v) => mine(v) && v.kind === 'vote');
    const interested = votes.filter((v) => mine(v) && v.kind === 'interest');
    if (Number(topic.voteCount ?? 0) !== voters.length)
      violations.push(`${where}: voteCount ${String(topic.voteCount)} but ${voters.length} active votes`);
    if (Number(topic.interestCount ?? 0) !== interested.length)
      violations.push(
        `${where}: interestCount ${String(topic.interestCount)} but ${interested.length} records`,
      );
    if (!sameSet(setOf(topic.interestedUsers), new Set(interested.map((v) => String(v.userId)))))
      violations.push(`${where}: interestedUsers differ from the interest records`);

    const team = members.filter(mine);
    if (Number(topic.memberCount ?? 0) !== team.length)
      violations.push(`${where}: memberCount ${String(topic.memberCount)} but ${team.length} member records`);
    if (!sameSet(setOf(topic.members), new Set(team.map((m) => String(m.userId)))))
      violations.push(`${where}: members differ from the member records`);
    const cap = capOf(topic, hackathon);
    if (team.length > cap) violations.push(`${where}: ${team.length} members, above its cap of ${cap}`);
  }

  const topicKeys = new Set(of('topic').map((t) => `${t.hackathonId}#${t.number}`));
  for (const pointer of cards.values())
    if (!topicKeys.has(`${pointer.hackathonId}#${pointer.number}`))
      violations.push(`${String(pointer.pk)}: points at no topic`);

  for (const tally of of('voterTally')) {
    const hackathonId = String(tally.pk).replace(/^HACKATHON#/, '');
    const user = String(tally.sk).replace(/^VOTER#/, '');
    const active = votes.filter(
      (v) => v.hackathonId === hackathonId && v.userId === user && v.kind === 'vote',
    );
    if (Number(tally.votes ?? 0) !== active.length)
      violations.push(
        `voter ${user} in ${hackathonId}: tally ${String(tally.votes)} but ${active.length} votes`,
      );
  }
  for (const person of of('personTeams')) {
    const hackathonId = String(person.pk).replace(/^HACKATHON#/, '');
    const user = String(person.sk).replace(/^TEAMS#/, '');
    const teams = members.filter((m) => m.hackathonId === hackathonId && m.userId === user);
    if (Number(person.teams ?? 0) !== teams.length)
      violations.push(`${user} in ${hackathonId}: ${String(person.teams)} teams but ${teams.length} records`);
  }
  return violations;
}
