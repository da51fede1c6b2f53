import { canSeeModule, canSeeStats } from "~/services/progress/modules.server";
import type { StatsModule } from "~/services/progress/types";
import { forbidden, requireUser, type AuthArgs } from "./permissions.server";
import type { Viewer } from "./viewer";

/** 人材育成課, or a section that owns a service with statistics; everyone else 403. */
export function requireStatsViewer(args: AuthArgs): Viewer {
  const viewer = requireUser(args);
  if (!canSeeStats(viewer)) throw forbidden(args, viewer, "statistics");
  return viewer;
}

export function requireModuleViewer(args: AuthArgs, module: StatsModule): Viewer {
  const viewer = requireStatsViewer(args);
  if (!canSeeModule(viewer, module)) throw forbidden(args, viewer, `statistics of ${module.measureKey}`);
  return viewer;
}
