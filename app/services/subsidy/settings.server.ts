import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { affected, first, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { Actor } from "~/services/contract/actor";
import { attempt, refuse, type Outcome } from "~/services/contract/refusal";
import type { certificationSchema, schemeSettingsSchema } from "./schemas";

// 人材育成課's rules as data: the certification list and each 年度's scheme settings.
// Changing them affects applications submitted afterwards; amounts already computed stay.

const { subsidyCertifications: certs, subsidySchemes: schemes } = schema;

export type SchemeSettings = Omit<z.output<typeof schemeSettingsSchema>, "intent">;
export type CertificationForm = Omit<z.output<typeof certificationSchema>, "intent">;

/** Saves one 年度's settings, with its audit line in the same transaction. */
export async function saveScheme(actor: Actor, v: SchemeSettings, now = new Date()): Promise<{ ok: true }> {
  const values = { ...v, updatedBy: actor.viewer.id, updatedAt: now };
  return immediate(async (tx) => {
    await tx.insert(schemes).values(values).onConflictDoUpdate({ target: schemes.fiscalYear, set: values });
    await audit(tx, { actorId: actor.viewer.id, action: "subsidy.scheme.saved", target: `subsidy_scheme:${v.fiscalYear}`, outcome: "success", ip: actor.ip, detail: { ...v } });
    return { ok: true as const };
  });
}

/** Adds or updates one certification; names are unique. */
export async function saveCertification(actor: Actor, v: CertificationForm, now = new Date()): Promise<Outcome<{ id: number }>> {
  return attempt(() => immediate(async (tx) => {
    const clash = await first(
      tx
        .select({ id: certs.id })
        .from(certs)
        .where(v.id ? and(eq(certs.name, v.name), ne(certs.id, v.id)) : eq(certs.name, v.name)),
    );
    if (clash) refuse("conflict", "同じ名前の資格がすでに登録されています。", "name");
    const values = { name: v.name, field: v.field, eligibleCostTypes: v.eligibleCostTypes, ratePercent: v.ratePercent, capPerApplication: v.capPerApplication, active: v.active, updatedAt: now };
    let id = v.id;
    if (id) {
      const done = affected(await tx.update(certs).set(values).where(eq(certs.id, id)));
      if (done !== 1) refuse("not_found", "資格が見つかりません。");
    } else {
      const [row] = await tx.insert(certs).values(values).returning({ id: certs.id });
      id = row!.id;
    }
    await audit(tx, { actorId: actor.viewer.id, action: "subsidy.certification.saved", target: `subsidy_certification:${id}`, outcome: "success", ip: actor.ip, detail: { ...values, updatedAt: undefined } });
    return { ok: true as const, id };
  }));
}
