// People for the mail tests, written through the subsidy test builders (immediate()): an
// employee with an optional role and e-mail, as an actor.
import { eq } from "drizzle-orm";
import type { Viewer } from "~/auth/viewer";
import { immediate, schema } from "~/db.server";
import { grant, makeEmployee, makeOrg, viewerOf } from "~/services/subsidy/test-helpers";

let section: number | undefined;

export async function makePerson(
  opts: {
    roles?: ("hr_dev" | "admin")[];
    name?: string;
    supervisorId?: string;
  } = {}
): Promise<{ id: string; ip: string; viewer: Viewer }> {
  section ??= (await makeOrg()).sectionId;
  const id = await makeEmployee({
    orgUnitId: section,
    name: opts.name,
    supervisorId: opts.supervisorId ?? null,
  });
  for (const role of opts.roles ?? []) await grant(id, role);
  return { id, ip: "127.0.0.1", viewer: await viewerOf(id) };
}

/** Sets (or clears) the person's address in the org data; returns it. */
export async function setEmail(p: { id: string }, email: string | null = `${p.id.slice(0, 8)}@city.kawasaki.example`): Promise<string | null> {
  await immediate(async (tx) => {
    await tx.update(schema.employees).set({ email }).where(eq(schema.employees.id, p.id));
  });
  return email;
}
