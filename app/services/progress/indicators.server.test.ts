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
  it("人材育成課 enters and sees them; the welfare section (who may see /stats) does not", async () => {
    expect((await saveIndicatorValues({ viewer: welfare, ip: "127.0.0.1" }, 2026, { engagement: 3.1 })).ok).toBe(false);
    expect((await getDb().select().from(schema.indicatorValues))).toHaveLength(0);
    expect((await saveIndicatorValues({ viewer: hrDev, ip: "127.0.0.1" }, 2026, { engagement: 3.1 })).ok).toBe(true);
    expect(await indicatorsFor(welfare)).toBeNull();
    const seen = await indicatorsFor(hrDev);
    expect(seen?.canEdit).toBe(true);
    expect(seen?.values).toEqual([{ fiscalYear: 2026, indicator: "engagement", value: 3.1 }]);
  });

  it("only 人材育成課 sets the suppression threshold, and the change is audited in its transaction", async () => {
    expect((await setSuppressionThreshold({ viewer: welfare, ip: "127.0.0.1" }, 2)).ok).toBe(false);
    expect(await suppressionThreshold()).toBe(5);
    expect((await setSuppressionThreshold({ viewer: hrDev, ip: "127.0.0.1" }, 7)).ok).toBe(true);
    expect(await suppressionThreshold()).toBe(7);
    const lines = (await getDb().select().from(schema.auditLog)).filter((l) => l.action === "progress.settings");
    expect(lines).toHaveLength(1);
  });
});
