// Runs against this file's own freshly migrated database (db/test-setup.ts).
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { getCycleForHr } from "~/services/mentor/queries.server";
import type { Viewer } from "~/auth/viewer";
import { seedMentor } from "./mentor";
import { generateCity } from "./org";
import { writeCity } from "./write-org";

describe("seedMentor", () => {
  it("a published cycle: 100001 paired outside her 局 with a meeting, a preference in the supervisor line explained, some unmatched; a second run adds nothing", async () => {
    const db = getDb();
    writeCity(db, generateCity(400), "x");
    const first = await seedMentor(db);
    expect(first.mentors).toBeGreaterThanOrEqual(6);
    expect(first.mentees).toBeGreaterThan(first.pairs);
    const q = (sql: string, ...p: unknown[]) => db.$client.prepare(sql).get(...p) as Record<string, unknown>;
    const hanako = q("SELECT id FROM employees WHERE staff_number = '100001'").id as string;
    const pair = q("SELECT id, status FROM mentor_pairs WHERE mentee_id = ?", hanako);
    expect(pair.status).toBe("active");
    expect(q("SELECT count(*) AS n FROM mentor_meetings WHERE pair_id = ?", pair.id).n).toBe(1);
    const hr = q("SELECT id, staff_number AS s FROM employees WHERE staff_number = '100004'");
    const viewer: Viewer = { id: hr.id as string, staffNumber: "100004", name: "高津 健", kana: "", rank: "主任", orgUnitId: null, orgPath: null, roles: ["employee", "hr_personnel"] };
    const cycleId = q("SELECT id FROM mentor_cycles").id as number;
    const view = getCycleForHr({ cycleId, viewer })!;
    expect(view.cycle.status).toBe("published");
    const notes = [...view.pairs, ...view.unmatched].flatMap((x) => x.preferenceNotes);
    expect(notes.some((n) => n.includes("上司・部下の系列")), notes.join("\n")).toBe(true);
    expect(view.unmatched.length).toBeGreaterThan(0);
    expect(view.unmatched.every((u) => u.reason.length > 0)).toBe(true);
    expect(view.pairs.some((p) => p.needsRematch)).toBe(true);
    expect(await seedMentor(db)).toEqual({ mentors: 0, mentees: 0, pairs: 0 });
  }, 60_000);
});
