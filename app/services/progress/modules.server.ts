import type { Viewer } from "~/auth/viewer";
import { STATS_MODULES } from "~/services/registry.server";
import { MEASURES, type MeasureKey } from "./measures";
import { suppressionThreshold } from "./settings.server";
import { suppressedLabel } from "./suppression";
import type { Figure, StatsModule } from "./types";

// The services that report to the progress page are the registered ones that bring a
// StatsModule (app/services/registry.server.ts).
export { STATS_MODULES };

export function moduleFor(key: MeasureKey): StatsModule | undefined {
  return STATS_MODULES.find((m) => m.measureKey === key);
}

/** 人材育成課 sees every service; an owning section sees its own service only. */
export function canSeeModule(viewer: Viewer, module: StatsModule): boolean {
  if (viewer.roles.includes("hr_dev")) return true;
  return module.ownerRoles.some((r) => viewer.roles.includes(r));
}

export function canSeeStats(viewer: Viewer): boolean {
  return viewer.roles.includes("hr_dev") || STATS_MODULES.some((m) => canSeeModule(viewer, m));
}

export type ShownFigure = { label: string; unit: Figure["unit"]; value: number | null; text: string | null };

/** Headline figures as shown: a confidential service's small counts never leave the server. */
export async function shownFigures(module: StatsModule, fiscalYear: number, threshold: number): Promise<ShownFigure[]> {
  return (await module.summary(fiscalYear)).map((f) =>
    (module.confidential && !f.published && f.value < threshold) || (f.basis !== undefined && f.basis < threshold)
      ? { label: f.label, unit: f.unit, value: null, text: suppressedLabel(threshold) }
      : { label: f.label, unit: f.unit, value: f.value, text: null },
  );
}

/** The progress page rows: each plan measure, with its figures for the year and the year before. */
export async function progressRows(viewer: Viewer, fiscalYear: number) {
  const threshold = await suppressionThreshold();
  return Promise.all(
    MEASURES.map(async (measure) => {
      const module = moduleFor(measure.key);
      if (!module || !canSeeModule(viewer, module)) {
        return { measure, served: Boolean(module), visible: false, figures: [] as ShownFigure[], previous: [] as ShownFigure[] };
      }
      const [figures, previous] = await Promise.all([shownFigures(module, fiscalYear, threshold), shownFigures(module, fiscalYear - 1, threshold)]);
      return { measure, served: true, visible: true, figures, previous };
    }),
  );
}
