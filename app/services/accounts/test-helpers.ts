import type { Actor } from "~/services/contract/actor";

/** An actor holding the admin role, as a route would build it for a signed-in admin. */
export function adminActor(id: string): Actor {
  return { viewer: { id, staffNumber: id, name: "管理者", kana: "カンリシャ", rank: null, orgUnitId: null, orgPath: null, roles: ["employee", "admin"] }, ip: "127.0.0.1" };
}
