import { expect, it } from "vitest";
import { eq, isNotNull } from "drizzle-orm";
import { getDb, immediate, schema } from "~/db.server";
import { DEMO_ACCOUNTS, generateCity } from "./org";
import { writeCity } from "./write-org";

it("generates the same city every time, with every supervisor line inside the city and no cycles", () => {
  const a = generateCity(800);
  expect(generateCity(800)).toEqual(a);
  const numbers = new Set(a.employees.map((e) => e.staffNumber));
  expect(numbers.size).toBe(a.employees.length);
  for (const e of a.employees) if (e.supervisorStaffNumber) expect(numbers.has(e.supervisorStaffNumber)).toBe(true);
  const bySn = new Map(a.employees.map((e) => [e.staffNumber, e]));
  for (const e of a.employees) {
    let hops = 0;
    for (let cur = e.supervisorStaffNumber; cur; cur = bySn.get(cur)?.supervisorStaffNumber ?? null) expect(++hops).toBeLessThan(10);
  }
  const wards = a.orgUnits.filter((u) => u.kind === "bureau").map((u) => u.name);
  expect(wards).toEqual(expect.arrayContaining(["総務企画局", "財政局", "こども未来局", "消防局", "川崎区役所", "麻生区役所"]));
  const demoEmployee = a.employees.find((e) => e.staffNumber === DEMO_ACCOUNTS.employee.staffNumber);
  expect(demoEmployee?.supervisorStaffNumber).toBe(DEMO_ACCOUNTS.supervisor.staffNumber);
});

it("can be written twice without duplicates", async () => {
  const city = generateCity(200);
  await immediate((tx) => writeCity(tx, city, "hash"));
  await immediate((tx) => writeCity(tx, city, "hash"));
  const db = getDb();
  expect(await db.$count(schema.employees)).toBe(city.employees.length + 1);
  expect(await db.$count(schema.orgUnits)).toBe(city.orgUnits.length);
  expect(await db.$count(schema.roleGrants)).toBe(5);
  expect(await db.$count(schema.employees, isNotNull(schema.employees.passwordHash))).toBe(7);
  // Supervisor lines are written by staff number: the demo employee reports to the demo supervisor.
  const [me] = await db.select().from(schema.employees).where(eq(schema.employees.staffNumber, DEMO_ACCOUNTS.employee.staffNumber));
  const [boss] = await db.select().from(schema.employees).where(eq(schema.employees.staffNumber, DEMO_ACCOUNTS.supervisor.staffNumber));
  expect(me!.supervisorId).toBe(boss!.id);
});

it("scales to 20,000 employees", () => {
  const city = generateCity(20_000);
  expect(city.employees.length).toBeGreaterThanOrEqual(19_000);
  expect(city.employees.length).toBeLessThanOrEqual(21_000);
});
