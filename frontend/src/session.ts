import { useQuery } from '@tanstack/react-query';
import { fetchMe } from './api/client.ts';
import type { Me, TeamRole } from './api/types.ts';

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
}

const RANK: Record<TeamRole, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2 };

/** What the signed-in user may do in a team; system administrators may do everything. */
export interface Access {
  role: TeamRole | null;
  canWrite: boolean;
  canAdmin: boolean;
  systemAdmin: boolean;
}

export function accessIn(me: Me | null | undefined, team: string): Access {
  const systemAdmin = !!me?.systemAdmin;
  const role = me?.teams.find((t) => t.name === team)?.role ?? null;
  const at = (needed: TeamRole) => systemAdmin || (role !== null && RANK[role] >= RANK[needed]);
  return { role, canWrite: at('MEMBER'), canAdmin: at('ADMIN'), systemAdmin };
}

/** The sign-in page's address that comes back to {@code path} afterwards. */
export function signInPath(path: string): string {
  return path.startsWith('/sign-in') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}

/** Only same-app paths are followed after signing in, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
