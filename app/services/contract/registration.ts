import type { Role } from "~/auth/roles";
import type { Viewer } from "~/auth/viewer";
import type { Db } from "~/db.server";
import type { MailTemplates, MailValue } from "~/services/mail/templates";
import type { StatsModule } from "~/services/progress/types";

/**
 * What a service tells the portal about itself, once, in `app/services/<service>/register.server.ts`.
 * The one list in `app/services/registry.server.ts` feeds the navigation, the 承認 page,
 * the notice texts and the statistics from these; adding a service adds one line there.
 */
export type ServiceRegistration<NoticeKey extends string = string> = {
  key: string;
  /** Navigation entries; each shows to viewers holding one of its roles (routes check the same). */
  nav: readonly NavEntry[];
  /** Messages shown after a redirect with `?notice=key` (see app/lib/notices.ts). */
  notices: Readonly<Record<NoticeKey, string>>;
  /** The viewer's pending decisions in this service, for the 承認 page (null/empty: none). */
  pendingApprovals?: (viewer: Viewer) => Promise<PendingGroup | null>;
  /** The figures this service reports to the progress page. */
  stats?: StatsModule;
  /**
   * The service's mail templates by kind (`<service>.<event>`, in its `mail-templates.ts`).
   * A `notify(tx, …, { mail: { kind, values, key } })` of one of these kinds also queues
   * the mail in the outbox, in the same transaction.
   */
  mail?: MailTemplates;
  /** Reminders for the day `day` ("YYYY-MM-DD", Tokyo), written by the sender's timer the day before. */
  reminders?: (db: Db, day: string) => Promise<ScheduledMail[]>;
  /** Decisions waiting since before `olderThan`, per supervisor, for the supervisors' daily digest. */
  overdueApprovals?: (db: Db, olderThan: Date) => Promise<OverdueApprovals[]>;
  /**
   * Work that falls due with time alone (a 抽選 at the close of its window), done by the
   * server's timer and also by the pages that show its result. Each call runs its own
   * transactions and returns how many things it did; doing nothing must be cheap.
   */
  dueWork?: (now: Date) => Promise<number>;
};

/** A mail the timer writes (the kind is one of the service's own; the key makes it once only). */
export type ScheduledMail = { recipientId: string; kind: string; values: Record<string, MailValue>; key: string };

/** "研修の申込 2件" for one supervisor. */
export type OverdueApprovals = { supervisorId: string; label: string; count: number };

export type NavEntry = { to: string; label: string; roles: readonly Role[] };

/** One service's section of the 承認 page. */
export type PendingGroup = {
  key: string;
  /** "研修の申込" — the heading shows it with the count. */
  title: string;
  /** What deciding means here, shown under the heading. */
  hint: string;
  items: PendingItem[];
};

export type PendingItem = {
  key: string;
  /** The person asking, e.g. "川崎 花子". */
  name: string;
  /** "100001・主任" */
  who: string;
  /** A short tag before the first line (e.g. the course kind). */
  tag?: { label: string; className: string };
  /** The lines that say what is asked; the last may carry `note` in muted text. */
  lines: string[];
  note?: string;
  link: { to: string; label: string; primary?: boolean };
  /** Decide right here (plain forms posted to `action` with intent approve / return). */
  quickDecision?: { action: string; approveLabel: string; returnLabel: string };
};
