import { formatDateBoth, jstParts } from "~/lib/fiscal-year";

// The contract between a service and the mail outbox. A service declares its templates in
// its own `mail-templates.ts` and names them in its registration (`mail:`); the registry
// merges them, so a new kind of mail is one entry there. No server-only imports: the
// templates are pure, rendered by the sender from the values stored in the outbox row.

/**
 * decision: a change to the person's own application, booking or sign-up — always sent.
 * reminder / digest: a person may switch these off on マイページ.
 */
export type MailCategory = "decision" | "reminder" | "digest";
export const OPTIONAL_CATEGORIES = ["reminder", "digest"] as const satisfies readonly MailCategory[];

export type MailContext = {
  /** The absolute link for a path of the portal (PUBLIC_URL + path). */
  url: (path: string) => string;
};

export type RenderedMail = { subject: string; text: string };

/** Values are stored as JSON: strings, numbers, booleans and null (instants as ISO strings). */
export type MailValue = string | number | boolean | null | readonly string[];

export type MailTemplate<V extends Record<string, MailValue>> = {
  category: MailCategory;
  /**
   * The mail belongs to a confidential service (consultation): the admin's failed-mail page
   * shows neither recipient nor subject, only that a mail of this service failed.
   */
  confidential?: boolean;
  render: (values: V, ctx: MailContext) => RenderedMail;
};

/** What a registration's `mail` holds; `never` accepts templates of any values. */
export type MailTemplates = Readonly<Record<string, MailTemplate<never>>>;

/** Declares a service's templates with their value types kept (for typed notify calls). */
export function defineMailTemplates<T extends { [K in keyof T]: MailTemplate<never> }>(templates: T): T {
  return templates;
}

// ——— Shared wording ————————————————————————————————————————————————————

const SIGNATURE = ["", "――", "かわさき人財ポータル（このメールは送信専用です。返信はできません）"];

/** The body of a mail: its lines, the link to open, and the portal's signature. */
export function mailBody(lines: readonly string[], link: { label: string; url: string } | null): string {
  const out = [...lines];
  if (link) out.push("", `${link.label}:`, link.url);
  return [...out, ...SIGNATURE].join("\n");
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "令和8年12月10日（2026年12月10日）9:30〜17:00" from ISO instants, in Tokyo time. */
export function dateTimeBoth(startsAt: string, endsAt?: string | null): string {
  const s = new Date(startsAt);
  const sp = jstParts(s);
  const from = `${formatDateBoth(s)} ${sp.hour}:${pad(sp.minute)}`;
  if (!endsAt) return from;
  const ep = jstParts(new Date(endsAt));
  return `${from}〜${ep.hour}:${pad(ep.minute)}`;
}

/** "令和8年12月10日（2026年12月10日）" from an ISO date or instant. */
export function dateBoth(value: string): string {
  return formatDateBoth(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(value));
}
