import { ConflictError, NotFoundError, PermissionError } from '../domain/errors.js';
import {
  type Hackathon,
  type HackathonSettingsInput,
  isOrganizer,
  validateHackathonSettings,
} from '../domain/hackathon.js';
import type { OrganizerWork } from '../domain/problems.js';
import { votingOpen } from '../domain/vote.js';
import type { GitHubSyncJob } from './ports/jobs.js';
import type { HackathonStore } from './ports/stores.js';

export interface SetupRequest {
  /** The workspace htg is installed in (not the person's own: in a Slack Connect channel they differ). */
  teamId: string;
  channelId: string;
  userId: string;
  input: HackathonSettingsInput;
  now: Date;
  newId: () => string;
}

/** Creates the channel's hackathon with the caller as organizer; ConflictError if the channel already has one. */
export async function setupHackathon(hackathons: HackathonStore, request: SetupRequest): Promise<Hackathon> {
  const existing = await hackathons.findActiveByChannel(request.channelId);
  if (existing?.status === 'active')
    throw new ConflictError({ code: 'channel-has-hackathon', hackathon: existing.name });
  const settings = validateHackathonSettings(request.input, request.userId);
  const now = request.now.toISOString();
  const hackathon: Hackathon = {
    ...settings,
    id: request.newId(),
    teamId: request.teamId,
    channelId: request.channelId,
    status: 'active',
    createdAt: now,
    createdBy: request.userId,
    updatedAt: now,
  };
  await hackathons.create(hackathon);
  return hackathon;
}

export interface SettingsRequest {
  hackathonId: string;
  userId: string;
  input: HackathonSettingsInput;
  /** The `updatedAt` of the copy the form was opened with. */
  expectedUpdatedAt: string;
  now: Date;
}

/** Organizers change a hackathon's settings; a concurrent change by someone else is refused, not overwritten. */
export async function changeSettings(
  hackathons: HackathonStore,
  request: SettingsRequest,
): Promise<Hackathon> {
  const hackathon = await requireHackathon(hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'settings');
  requireActive(hackathon);
  // The creator stays first; organizers listed in the form follow.
  const settings = validateHackathonSettings(request.input, hackathon.createdBy);
  return hackathons.updateSettings(
    hackathon.id,
    settings,
    request.expectedUpdatedAt,
    request.now.toISOString(),
  );
}

/**
 * `/htg sync`: organizers ask for the hackathon to be brought in line with its GitHub repository now (the
 * refresher does it, off the request path); ConflictError when it is not linked.
 */
export async function requestGitHubSync(
  hackathons: HackathonStore,
  request: { hackathonId: string; userId: string; channelId: string; now: Date },
): Promise<Hackathon & { github: NonNullable<Hackathon['github']> }> {
  const hackathon = await requireHackathon(hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'sync');
  requireActive(hackathon);
  const { github } = hackathon;
  if (!github) throw new ConflictError({ code: 'not-linked', hackathon: hackathon.name });
  const job: GitHubSyncJob = {
    kind: 'github-sync',
    reason: 'asked',
    hackathonId: hackathon.id,
    requestedBy: request.userId,
    channelId: request.channelId,
    requestedAt: request.now.toISOString(),
  };
  await hackathons.addJob(job);
  return { ...hackathon, github };
}

/**
 * `/htg discussion [category]`: organizers open the GitHub discussion people vote in, with a comment per topic
 * (the refresher does it, off the request path); only while voting is open, and only for a linked hackathon.
 */
export async function requestVotingDiscussion(
  hackathons: HackathonStore,
  request: { hackathonId: string; userId: string; channelId: string; category: string | null; now: Date },
): Promise<Hackathon & { github: NonNullable<Hackathon['github']> }> {
  const hackathon = await requireHackathon(hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'discussion');
  requireActive(hackathon);
  const { github } = hackathon;
  if (!github) throw new ConflictError({ code: 'not-linked', hackathon: hackathon.name });
  if (!votingOpen(hackathon, request.now))
    throw new ConflictError({ code: 'voting-closed', hackathon: hackathon.name, unchanged: true });
  await hackathons.addJob({
    kind: 'voting-discussion',
    hackathonId: hackathon.id,
    requestedBy: request.userId,
    channelId: request.channelId,
    requestedAt: request.now.toISOString(),
    ...(request.category ? { category: request.category } : {}),
  });
  return { ...hackathon, github };
}

export async function requireHackathon(hackathons: HackathonStore, id: string): Promise<Hackathon> {
  const hackathon = await hackathons.get(id);
  if (!hackathon) throw new NotFoundError({ code: 'hackathon-gone' });
  return hackathon;
}

export function requireOrganizer(hackathon: Hackathon, userId: string, to: OrganizerWork): void {
  if (!isOrganizer(hackathon, userId)) {
    throw new PermissionError({
      code: 'organizers-only',
      hackathon: hackathon.name,
      organizers: hackathon.organizers,
      to,
    });
  }
}

/** After the wrap-up a hackathon is read-only: every change is refused, politely. */
export function requireActive(hackathon: Hackathon): void {
  if (hackathon.status !== 'active')
    throw new ConflictError({ code: 'hackathon-ended', hackathon: hackathon.name, hint: true });
}
