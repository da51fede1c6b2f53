import { and, eq, ne } from "drizzle-orm";
import { getDb, immediate, schema } from "~/db.server";
import { audit } from "~/services/audit/audit.server";
import type { z } from "zod";
import type { Actor, Failure } from "./mutations.server";
import type { certificationSchema, schemeSettingsSchema } from "./schemas";

// 人材育成課's rules as data: the certification list and each 年度's scheme settings.
// Changing them affects applications submitted afterwards; amounts already computed stay.

const { subsidyCertifications: certs, subsidySchemes: schemes } = schema;

export type SchemeSettings = Omit<z.output<typeof schemeSettingsSchema>, "intent">;
export type CertificationForm = Omit<z.output<typeof certificationSchema>, "intent">;

export function saveScheme(actor: Actor, v: SchemeSettings, now = new Date()): { ok: true } {
  const values = { ...v, updatedBy: actor.viewer.id, updatedAt: now };
  getDb()
    .insert(schemes)
    .values(values)
    .onConflictDoUpdate({ target: schemes.fiscalYear, set: values })
    .run();
  audit(getDb(), { actorId: actor.viewer.id, action: "subsidy.scheme.saved", target: `subsidy_scheme:${v.fiscalYear}`, outcome: "success", ip: actor.ip, detail: { ...v } });
  return { ok: true };
}

/** Adds or updates one certification; names are unique. */
export function saveCertification(actor: Actor, v: CertificationForm, now = new Date()): { ok: true; id: number } | Failure {
  return immediate((tx) => {
    const clash = tx
      .select({ id: certs.id })
      .from(certs)
      .where(v.id ? and(eq(certs.name, v.name), ne(certs.id, v.id)) : eq(certs.name, v.name))
      .get();
    if (clash) return { ok: false as const, field: "name", message: "同じ名前の資格がすでに登録されています。" };
    const values = { name: v.name, field: v.field, eligibleCostTypes: v.eligibleCostTypes, ratePercent: v.ratePercent, capPerApplication: v.capPerApplication, active: v.active, updatedAt: now };
    let id = v.id;
    if (id) {
      const done = tx.update(certs).set(values).where(eq(certs.id, id)).run();
      if (done.changes !== 1) return { ok: false as const, message: "資格が見つかりません。" };
    } else {
      id = tx.insert(certs).values(values).returning({ id: certs.id }).get().id;
    }
    audit(tx, { actorId: actor.viewer.id, action: "subsidy.certification.saved", target: `subsidy_certification:${id}`, outcome: "success", ip: actor.ip, detail: { ...values, updatedAt: undefined } });
    return { ok: true as const, id };
  });
}
