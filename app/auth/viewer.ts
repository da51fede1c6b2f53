import type { Role } from "./roles";

/** Who is asking, read fresh from the org data on every request. */
export type Viewer = {
  id: string;
  staffNumber: string;
  name: string;
  kana: string;
  rank: string | null;
  orgUnitId: number | null;
  /** "総務企画局 人事部 人材育成課" */
  orgPath: string | null;
  roles: Role[];
};

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return roles.some((r) => viewer.roles.includes(r));
}
