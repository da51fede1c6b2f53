import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/permissions.server";
import { buildCalendar } from "~/lib/ics";
import { listMyConfirmedSessions } from "~/services/training/employee-queries.server";

/** My confirmed training sessions as an iCalendar file (Tokyo times, with VTIMEZONE). */
export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireRole(args, "employee");
  const origin = new URL(args.request.url).origin;
  const host = new URL(args.request.url).hostname;
  const body = buildCalendar({
    prodId: "-//Kawasaki City//Jinzai Portal Training//JA",
    name: "かわさき人財ポータル 研修予定",
    events: listMyConfirmedSessions(viewer).map((s) => ({
      uid: `training-enrollment-${s.enrollmentId}@${host}`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      summary: `${s.title}（第${s.seq}回）`,
      location: [s.online ? "オンライン" : null, s.venue].filter(Boolean).join("・") || null,
      description: s.description || null,
      url: `${origin}/training/courses/${s.courseId}`,
    })),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="kawasaki-training.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
