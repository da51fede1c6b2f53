// Who may see and enter the plan's outcome indicators is decided here, in the service —
// not by the page that shows them (issue 10 item 6).
import { describe, expect, it } from "vitest";
import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { getDb, schema } from "~/db.server";
import { indicatorsFor, saveIndicatorValues } from "./indicators.server";
import { setSuppressionThreshold, suppressionThreshold } from "./settings.server";

function viewer(id: string, roles: Role[]): Viewer {
  return { id, staffNumber: id, name: "試験", kana: "シケン", rank: null, orgUnitId: null, orgPath: null, roles };
}
const hrDev = viewer("hr-dev-1", ["employee", "hr_dev"]);
const welfare = viewer("welfare-1", ["employee", "welfare"]);

describe("outcome indicators", () => {
  it("人材育成課 enters and sees them; the welfare section (who may see /stats) does not", () => {
    expect(saveIndicatorValues({ viewer: welfare, ip: "127.0.0.1" }, 2026, { engagement: 3.1 }).ok).toBe(false);
    expect(getDb().select().from(schema.indicatorValues).all()).toHaveLength(0);
    expect(saveIndicatorValues({ viewer: hrDev, ip: "127.0.0.1" }, 2026, { engagement: 3.1 }).ok).toBe(true);
    expect(indicatorsFor(welfare)).toBeNull();
    const seen = indicatorsFor(hrDev);
    expect(seen?.canEdit).toBe(true);
    expect(seen?.values).toEqual([{ fiscalYear: 2026, indicator: "engagement", value: 3.1 }]);
  });

  it("only 人材育成課 sets the suppression threshold, and the change is audited in its transaction", () => {
    expect(setSuppressionThreshold({ viewer: welfare, ip: "127.0.0.1" }, 2).ok).toBe(false);
    expect(suppressionThreshold()).toBe(5);
    expect(setSuppressionThreshold({ viewer: hrDev, ip: "127.0.0.1" }, 7).ok).toBe(true);
    expect(suppressionThreshold()).toBe(7);
    const lines = getDb().select().from(schema.auditLog).all().filter((l) => l.action === "progress.settings");
    expect(lines).toHaveLength(1);
  });
});
