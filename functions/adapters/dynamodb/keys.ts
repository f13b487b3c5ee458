/**
 * Every key of the single table is built here; nothing else knows how `pk`/`sk`/`gsi1pk`/`gsi1sk` look.
 *
 * | entity            | pk                        | sk                          | gsi1pk         | gsi1sk                          |
 * | ----------------- | ------------------------- | --------------------------- | -------------- | ------------------------------- |
 * | hackathon         | HACKATHON#<id>            | HACKATHON                   | TEAM#<teamId>  | HACKATHON#<createdAt>#<id>      |
 * | active pointer    | CHANNEL#<teamId>#<chan>   | ACTIVE_HACKATHON            |                |                                 |
 * | topic             | HACKATHON#<id>            | TOPIC#<00042>               |                |                                 |
 * | topic revision    | HACKATHON#<id>            | REVISION#<00042>#<at>       |                |                                 |
 * | card pointer      | CARD#<channel>#<ts>       | CARD                        |                |                                 |
 * | import draft      | HACKATHON#<id>            | IMPORT#<draftId>            |                |                                 |
 */
export type Entity = 'hackathon' | 'activeHackathon' | 'topic' | 'topicRevision' | 'card' | 'importDraft';

export interface Key {
  pk: string;
  sk: string;
}

const pad = (number: number) => String(number).padStart(5, '0');
const hackathonPk = (hackathonId: string) => `HACKATHON#${hackathonId}`;

export const keys = {
  hackathon: (hackathonId: string): Key => ({ pk: hackathonPk(hackathonId), sk: 'HACKATHON' }),
  hackathonByTeam: (teamId: string, createdAt: string, hackathonId: string) => ({
    gsi1pk: `TEAM#${teamId}`,
    gsi1sk: `HACKATHON#${createdAt}#${hackathonId}`,
  }),
  teamHackathonsPartition: (teamId: string) => `TEAM#${teamId}`,
  activeHackathon: (teamId: string, channelId: string): Key => ({
    pk: `CHANNEL#${teamId}#${channelId}`,
    sk: 'ACTIVE_HACKATHON',
  }),
  topic: (hackathonId: string, number: number): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `TOPIC#${pad(number)}`,
  }),
  topicPrefix: (hackathonId: string) => ({ pk: hackathonPk(hackathonId), skPrefix: 'TOPIC#' }),
  topicRevision: (hackathonId: string, number: number, at: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `REVISION#${pad(number)}#${at}`,
  }),
  card: (channelId: string, ts: string): Key => ({ pk: `CARD#${channelId}#${ts}`, sk: 'CARD' }),
  importDraft: (hackathonId: string, draftId: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `IMPORT#${draftId}`,
  }),
};

/** Strips the table's own attributes from an item, leaving the entity's fields. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    entity: _e,
    expiresAt: _x,
    topicCounter: _c,
    ...rest
  } = item;
  return rest as T;
}
