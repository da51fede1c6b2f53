import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import { CORE_NOTICES } from "~/lib/notices";
import { portalMail } from "~/services/mail/portal-templates";
import type { MailTemplate, MailTemplates, MailValue } from "~/services/mail/templates";
import type { NavEntry, PendingGroup, ServiceRegistration } from "~/services/contract/registration";
import type { StatsModule } from "~/services/progress/types";
import { consultationService } from "~/services/consultation/register.server";
import { mentorService } from "~/services/mentor/register.server";
import { promotionService } from "~/services/promotion/register.server";
import { subsidyService } from "~/services/subsidy/register.server";
import { trainingService } from "~/services/training/register.server";

/**
 * Every service of the portal, in the order the navigation and the 承認 page show them.
 * A new service (e.g. the next plan measure) writes its `register.server.ts` and is added here —
 * navigation, approvals, notices and statistics follow from this list alone.
 */
export const SERVICES = [trainingService, subsidyService, promotionService, mentorService, consultationService] as const satisfies readonly ServiceRegistration[];

type NoticesOf<T> = T extends { notices: infer N } ? keyof N & string : never;
export type ServiceNoticeKey = NoticesOf<(typeof SERVICES)[number]>;

// ——— What the portal derives from the list ——————————————————————————————

/** The portal's own pages, around the services' entries. */
const HOME_NAV: readonly NavEntry[] = [
  { to: "/", label: "ホーム", roles: ["employee", "supervisor", "hr_dev", "hr_personnel", "welfare", "consultant", "admin"] },
  { to: "/my", label: "マイページ", roles: ["employee"] },
  { to: "/approvals", label: "承認", roles: ["supervisor"] },
];
const TAIL_NAV: readonly NavEntry[] = [
  { to: "/admin", label: "管理", roles: ["admin"] },
  { to: "/stats", label: "統計", roles: ["hr_dev", "welfare", "hr_personnel"] },
];

/** The navigation a viewer with `roles` sees (the routes check the same roles on the server). */
export function navFor(roles: readonly Role[]): { to: string; label: string }[] {
  const services: readonly ServiceRegistration[] = SERVICES;
  return [...HOME_NAV, ...services.flatMap((s) => s.nav), ...TAIL_NAV]
    .filter((i) => i.roles.some((r) => roles.includes(r)))
    .map(({ to, label }) => ({ to, label }));
}

const NOTICE_TEXT: ReadonlyMap<string, string> = new Map([
  ...Object.entries(CORE_NOTICES),
  ...(SERVICES as readonly ServiceRegistration[]).flatMap((s) => Object.entries(s.notices)),
]);

/** The message for `?notice=key` in a query string; unknown keys show nothing. */
export function noticeText(search: string): string | null {
  const key = new URLSearchParams(search).get("notice");
  return (key && NOTICE_TEXT.get(key)) ?? null;
}

/** Every service's pending decisions for this viewer, for the 承認 page. */
export async function pendingApprovalsFor(viewer: Viewer): Promise<PendingGroup[]> {
  const groups = await Promise.all((SERVICES as readonly ServiceRegistration[]).map(async (s) => (s.pendingApprovals ? await s.pendingApprovals(viewer) : null)));
  return groups.filter((g): g is PendingGroup => g !== null && g.items.length > 0);
}

/** The statistics modules, in the services' order. */
export const STATS_MODULES: StatsModule[] = SERVICES.flatMap((s: ServiceRegistration) => (s.stats ? [s.stats] : []));

// ——— Mail ————————————————————————————————————————————————————————————————

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type MailOf<T> = T extends { mail: infer M } ? M : never;
type AllMail = typeof portalMail & UnionToIntersection<MailOf<(typeof SERVICES)[number]>>;

/** Every kind of mail the portal sends, e.g. "training.promoted". */
export type MailKind = keyof AllMail & string;
export type MailValuesOf<K extends MailKind> = AllMail[K] extends { render: (values: infer V, ctx: never) => unknown } ? V : never;
/** What a `notify` call (or the timer) asks the outbox to send: the kind, its values and the change's key. */
export type MailRequest = { [K in MailKind]: { kind: K; values: MailValuesOf<K>; key: string } }[MailKind];

function mergeTemplates(sets: readonly MailTemplates[]): ReadonlyMap<string, MailTemplate<Record<string, MailValue>>> {
  const all = new Map<string, MailTemplate<Record<string, MailValue>>>();
  for (const set of sets) {
    for (const [kind, t] of Object.entries(set)) {
      if (all.has(kind)) throw new Error(`mail template ${kind} is declared twice`);
      all.set(kind, t as unknown as MailTemplate<Record<string, MailValue>>);
    }
  }
  return all;
}

/** The templates of every service and the portal's own, by kind. */
export const MAIL_TEMPLATES = mergeTemplates([portalMail, ...SERVICES.flatMap((s: ServiceRegistration) => (s.mail ? [s.mail] : []))]);
