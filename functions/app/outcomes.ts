import { PermissionError, ValidationError } from '../domain/errors.js';
import { withFoundPullRequests } from '../domain/github.js';
import type { Outcome } from '../domain/outcome.js';
import type { Problem } from '../domain/problems.js';
import { isWebUrl, mayReportOn, type Topic } from '../domain/topic.js';
import { requireOpenTopic, type TopicDeps } from './topics.js';

export const OUTCOME_TEXT_MAX = 3000;
export const HIGHLIGHT_MAX = 150;
export const CODE_LINKS_MAX = 20;
const CONTRIBUTORS_MAX = 40;

/** What the outcome form starts from: the saved outcome, or what htg knows already (check-in, links, team). */
export type OutcomeDraft = Omit<Outcome, 'updatedBy' | 'updatedAt'>;

interface TopicRequest {
  hackathonId: string;
  number: number;
  userId: string;
  now: Date;
}

/**
 * The outcome form of a topic. Its team, its proposer and the organizers may write it, until the wrap-up
 * (after which the hackathon is read-only), or, for a hackathon whose wrap-up goes to a website, for the days
 * after it the organizers chose (late outcomes update the wrap-up thread and the pull request). A first outcome starts from the team's check-in answer, the
 * topic's links and its team as contributors.
 */
export async function outcomeToEdit(
  deps: TopicDeps,
  request: TopicRequest,
): Promise<{ topic: Topic; draft: OutcomeDraft; version: string | null }> {
  const { topic } = await mayWrite(deps, request);
  if (topic.outcome) {
    const { updatedBy: _by, updatedAt, ...draft } = topic.outcome;
    return { topic, draft, version: updatedAt };
  }
  return {
    topic,
    version: null,
    draft: {
      problem: '',
      motivation: '',
      achievements: topic.checkIn?.achieved ?? '',
      nextSteps: '',
      code: withFoundPullRequests(
        topic.links.filter((url) => /github\.com\/.+\/(pull|issues)\/\d+/.test(url)),
        topic.pullRequests,
      ).slice(0, CODE_LINKS_MAX),
      outcome: topic.status === 'dropped' ? (topic.statusNote ?? '') : '',
      contributors: topic.members ?? [],
      highlight: '',
      emoji: topic.emoji,
    },
  };
}

/** Saves an outcome, checked field by field; a teammate's save in the meantime is refused, not overwritten. */
export async function saveOutcome(
  deps: TopicDeps,
  request: TopicRequest & { input: OutcomeDraft; expectedUpdatedAt: string | null; now: Date },
): Promise<Topic> {
  const { topic } = await mayWrite(deps, request);
  const input = request.input;
  const errors: Record<string, Problem> = {};
  const text = (value: string) => value.replace(/\r\n/g, '\n').trim();
  const sections = {
    problem: text(input.problem),
    motivation: text(input.motivation),
    achievements: text(input.achievements),
    nextSteps: text(input.nextSteps),
    outcome: text(input.outcome),
  };
  for (const [field, value] of Object.entries(sections)) {
    if (value.length > OUTCOME_TEXT_MAX)
      errors[field] = { code: 'too-long', field: 'answer', max: OUTCOME_TEXT_MAX, length: value.length };
  }
  const highlight = input.highlight.replace(/\s+/g, ' ').trim();
  if (highlight.length > HIGHLIGHT_MAX) errors.highlight = { code: 'highlight-one-line', max: HIGHLIGHT_MAX };
  if (!highlight && !sections.achievements && !sections.outcome) errors.highlight = { code: 'outcome-empty' };
  const code = [...new Set(input.code.map((link) => link.trim()).filter(Boolean))];
  const bad = code.find((link) => !isWebUrl(link));
  if (bad) errors.code = { code: 'not-a-link', text: bad.slice(0, 60), form: 'outcome' };
  else if (code.length > CODE_LINKS_MAX)
    errors.code = { code: 'too-many', field: 'links', max: CODE_LINKS_MAX };
  const contributors = [...new Set(input.contributors.map((c) => c.trim()).filter(Boolean))];
  if (contributors.length > CONTRIBUTORS_MAX)
    errors.contributors = { code: 'too-many', field: 'contributors', max: CONTRIBUTORS_MAX };
  const emoji = input.emoji?.trim() || null;
  if (emoji && emoji.length > 40) errors.emoji = { code: 'one-emoji' };
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return deps.topics.setOutcome(
    topic,
    {
      ...sections,
      code,
      contributors,
      highlight,
      emoji,
      updatedBy: request.userId,
      updatedAt: request.now.toISOString(),
    },
    request.expectedUpdatedAt,
  );
}

async function mayWrite(deps: TopicDeps, request: TopicRequest) {
  const found = await requireOpenTopic(deps, request, { lateOutcomeAt: request.now });
  const { hackathon, topic } = found;
  if (!mayReportOn(topic, hackathon.organizers, request.userId, { proposer: true }))
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'outcome' });
  return found;
}
