import { afterEach, describe, expect, it, vi } from "vitest";
import { bookingCalendar } from "~/services/consultation/calendar";
import { trainingCalendar } from "~/services/training/calendar";
import { DEFAULT_SITE_ID, eventUid, siteId } from "./site-id";

// A calendar re-imported through another hostname must update its events, not duplicate
// them: the UID names the portal (one setting), never the Host the request came in on.

const session = {
  enrollmentId: 3,
  status: "confirmed" as const,
  title: "新任係長研修",
  description: "",
  courseId: 9,
  seq: 1,
  startsAt: new Date(Date.UTC(2026, 11, 10, 0, 30)),
  endsAt: new Date(Date.UTC(2026, 11, 10, 8, 0)),
  venue: "本庁舎",
  online: false,
  cancelReason: null,
};

function uids(text: string): string[] {
  return [...text.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]!);
}

afterEach(() => vi.unstubAllEnvs());

describe("the site identifier of calendar UIDs", () => {
  it("defaults to a fixed portal id, whatever host served the request", () => {
    vi.stubEnv("SITE_ID", "");
    const a = trainingCalendar([session], { origin: "http://127.0.0.1:3000" });
    const b = trainingCalendar([session], { origin: "https://jinzai.example.lg.jp" });
    expect(uids(a)).toEqual([`training-enrollment-3@${DEFAULT_SITE_ID}`]);
    expect(uids(b)).toEqual(uids(a));
    expect(a).not.toContain("@127.0.0.1");
  });

  it("one SITE_ID setting serves training and consultation alike", () => {
    vi.stubEnv("SITE_ID", "jinzai.city.kawasaki.lg.jp");
    expect(siteId()).toBe("jinzai.city.kawasaki.lg.jp");
    expect(uids(trainingCalendar([session], { origin: "http://localhost:3000" }))).toEqual(["training-enrollment-3@jinzai.city.kawasaki.lg.jp"]);
    const booking = { id: "b1", startsAt: session.startsAt, endsAt: session.endsAt, bookingCode: "K7QM-3PXA", meetingUrl: null };
    expect(uids(bookingCalendar(booking))).toEqual(["consultation-b1@jinzai.city.kawasaki.lg.jp"]);
  });

  it("refuses a SITE_ID that would break the UID (spaces, @), falling back to the default", () => {
    vi.stubEnv("SITE_ID", "my portal@x");
    expect(siteId()).toBe(DEFAULT_SITE_ID);
    expect(eventUid("consultation", "b1")).toBe(`consultation-b1@${DEFAULT_SITE_ID}`);
  });
});
