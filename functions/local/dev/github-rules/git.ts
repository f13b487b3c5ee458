/**
 * Git's object model, as the GitHub stand-in keeps a repository's contents: blobs, trees and commits named by
 * git's own SHA-1 of `<type> <length>\0<body>` (git-scm.com, "Git Internals - Git Objects"), so that a sha the
 * stand-in answers is the one GitHub (and git) would compute for the same content, tree and commit.
 *
 * A tree is kept flat, as a map from a file's path to its blob's sha; its sha is that of the nested trees git
 * writes for it (entries `<mode> <name>\0<20-byte sha>`, sorted by name with a directory's name compared as if
 * it ended in `/`). Only regular files (mode 100644) are kept. The objects belong to a repository network: a
 * fork shares its upstream's store (GitHub keeps a fork network's objects together, which is how a pull request
 * from a fork can be merged without copying anything); refs are each repository's own.
 */
import { createHash } from 'node:crypto';

/** A commit's author or committer, as the Git Data API shows them. */
interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601, whole seconds, UTC. */
  date: string;
}

export interface StoredCommit {
  sha: string;
  /** The root tree's sha. */
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}

/** A flat tree: path → blob sha. */
type FlatTree = ReadonlyMap<string, string>;

/** The objects of a repository network. */
export interface GitObjects {
  blobs: Map<string, Buffer>;
  trees: Map<string, FlatTree>;
  commits: Map<string, StoredCommit>;
}

export function newObjects(): GitObjects {
  return { blobs: new Map(), trees: new Map(), commits: new Map() };
}

function objectSha(type: 'blob' | 'tree' | 'commit', body: Buffer): Buffer {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest();
}

/** Stores a blob; its sha, as `git hash-object` gives it. */
export function putBlob(objects: GitObjects, content: Buffer): string {
  const sha = objectSha('blob', content).toString('hex');
  if (!objects.blobs.has(sha)) objects.blobs.set(sha, content);
  return sha;
}

/** Stores a (flat) tree; its sha, as git would name the nested trees of those paths. */
export function putTree(objects: GitObjects, files: FlatTree): string {
  const sha = nestedTreeSha([...files.entries()].map(([path, blob]) => [path.split('/'), blob])).toString(
    'hex',
  );
  if (!objects.trees.has(sha)) objects.trees.set(sha, new Map(files));
  return sha;
}

function nestedTreeSha(entries: Array<[string[], string]>): Buffer {
  return objectSha(
    'tree',
    Buffer.concat(
      treeItems(entries).flatMap((item) => [Buffer.from(`${item.mode} ${item.name}\0`), item.sha]),
    ),
  );
}

interface TreeItem {
  name: string;
  mode: '100644' | '40000';
  sha: Buffer;
}

/** A tree's entries in git's order: files, and directories with the sha of their own tree. */
function treeItems(entries: Array<[string[], string]>): TreeItem[] {
  const files = new Map<string, string>();
  const directories = new Map<string, Array<[string[], string]>>();
  for (const [segments, blob] of entries) {
    const [first, ...rest] = segments;
    if (first === undefined) continue;
    if (rest.length === 0) files.set(first, blob);
    else directories.set(first, [...(directories.get(first) ?? []), [rest, blob]]);
  }
  const items = [
    ...[...files].map(([name, blob]) => ({
      item: { name, mode: '100644' as const, sha: Buffer.from(blob, 'hex') },
      key: name,
    })),
    ...[...directories].map(([name, children]) => ({
      item: { name, mode: '40000' as const, sha: nestedTreeSha(children) },
      key: `${name}/`,
    })),
  ];
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ item }) => item);
}

/** The top level of a (flat) tree as git's tree object lists it: its files, and its directories as subtrees. */
export function topLevel(
  files: FlatTree,
): Array<{ path: string; type: 'blob' | 'tree'; mode: string; sha: string }> {
  return treeItems([...files.entries()].map(([path, blob]) => [path.split('/'), blob])).map((item) => ({
    path: item.name,
    type: item.mode === '40000' ? 'tree' : 'blob',
    // The API writes a directory's mode with its leading zero.
    mode: item.mode === '40000' ? '040000' : item.mode,
    sha: item.sha.toString('hex'),
  }));
}

/** Stores a commit; its sha, as git computes it from the tree, parents, people and message. */
export function putCommit(objects: GitObjects, commit: Omit<StoredCommit, 'sha'>): string {
  const person = (who: GitPerson) =>
    `${who.name} <${who.email}> ${Math.floor(Date.parse(who.date) / 1000)} +0000`;
  const body = [
    `tree ${commit.tree}`,
    ...commit.parents.map((parent) => `parent ${parent}`),
    `author ${person(commit.author)}`,
    `committer ${person(commit.committer)}`,
    '',
    commit.message,
  ].join('\n');
  const sha = objectSha('commit', Buffer.from(body)).toString('hex');
  if (!objects.commits.has(sha)) objects.commits.set(sha, { ...commit, sha });
  return sha;
}

/** The commit's files (empty for an unknown commit). */
export function filesOf(objects: GitObjects, commitSha: string): FlatTree {
  const commit = objects.commits.get(commitSha);
  return (commit && objects.trees.get(commit.tree)) ?? new Map();
}

/** Every commit reachable from `sha`, itself included. */
function history(objects: GitObjects, sha: string): Set<string> {
  const seen = new Set<string>();
  const queue = [sha];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(objects.commits.get(next)?.parents ?? []));
  }
  return seen;
}

export function isAncestor(objects: GitObjects, ancestor: string, descendant: string): boolean {
  return history(objects, descendant).has(ancestor);
}

/** The commits reachable from `head` and not from `base` (what a pull request of head into base brings). */
export function commitsAhead(objects: GitObjects, base: string, head: string): string[] {
  const behind = history(objects, base);
  return [...history(objects, head)].filter((sha) => !behind.has(sha));
}

/** The nearest common ancestor of two commits (breadth first from `b`), if any. */
export function mergeBase(objects: GitObjects, a: string, b: string): string | undefined {
  const ofA = history(objects, a);
  const queue = [b];
  const seen = new Set<string>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (ofA.has(next)) return next;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(objects.commits.get(next)?.parents ?? []));
  }
  return undefined;
}

/** Paths whose blob differs between two trees (added, changed or removed), sorted. */
export function changedPaths(before: FlatTree, after: FlatTree): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/**
 * A three-way merge of two trees on their base, file by file: a path changed on one side only takes that side;
 * changed on both to different blobs, it is a conflict (undefined).
 */
export function mergeTrees(
  base: FlatTree,
  ours: FlatTree,
  theirs: FlatTree,
): Map<string, string> | undefined {
  const merged = new Map<string, string>();
  for (const path of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
    const [b, o, t] = [base.get(path), ours.get(path), theirs.get(path)];
    const pick = o === t ? o : o === b ? t : t === b ? o : null;
    if (pick === null) return undefined;
    if (pick !== undefined) merged.set(path, pick);
  }
  return merged;
}
