import path from "node:path";
import { pathToFileURL } from "node:url";
import { BASE_URL, OIDC_ISSUER } from "./env";
import { DEMO, createSession, e2eDb, employeeId, expect, test } from "./fixtures";

type RouteEntry = { id: string; path?: string; index?: boolean; parentId?: string; module: { loader?: unknown; action?: unknown } };

/** Every URL pattern of the built app, with dynamic segments filled in. */
async function builtRoutes(): Promise<{ id: string; url: string; hasLoader: boolean; hasAction: boolean }[]> {
  const build = await import(pathToFileURL(path.resolve(import.meta.dirname, "../build/index.js")).href);
  const routes = build.routes as Record<string, RouteEntry>;
  const fullPath = (r: RouteEntry): string => {
    const parent = r.parentId ? routes[r.parentId] : undefined;
    const own = r.path ?? "";
    const base = parent ? fullPath(parent) : "";
    return [base, own].filter(Boolean).join("/").replace(/\/+/g, "/");
  };
  return Object.values(routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      url: "/" + fullPath(r).replace(/^\//, "").replace(/:[^/]+/g, "00000000-0000-0000-0000-000000000000").replace(/\*$/, "x"),
      hasLoader: Boolean(r.module.loader),
      hasAction: Boolean(r.module.action),
    }));
}

test("every route refuses an anonymous visitor: a redirect to login or 401/403, never data", async ({ request }) => {
  // Three requests per route, one after another: the list grows with every service.
  test.setTimeout(180_000);
  const routes = await builtRoutes();
  expect(routes.length).toBeGreaterThan(5);
  const publicRoutes = new Set(["routes/login", "routes/logout", "routes/auth.oidc.start", "routes/auth.oidc.callback"]);
  // Single sign-on: the start sends an anonymous visitor to the provider (that is its job);
  // the callback without a sign-in in progress goes to the login page with a message.
  const start = await request.get("/auth/oidc/start", { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  expect(start.headers()["location"] ?? "").toMatch(new RegExp(`^${OIDC_ISSUER}/authorize\\?`));
  const callback = await request.get("/auth/oidc/callback?code=x&state=y", { maxRedirects: 0 });
  expect(callback.status()).toBe(302);
  expect(callback.headers()["location"]).toBe("/login?sso=expired");
  for (const r of routes) {
    if (publicRoutes.has(r.id)) continue;
    if (r.hasLoader) {
      for (const url of [r.url, `${r.url.replace(/\/$/, "") || "/_root"}.data`]) {
        const res = await request.get(url, { maxRedirects: 0 });
        const ok = [401, 403].includes(res.status()) || (res.status() >= 300 && res.status() < 400) || ([202, 204].includes(res.status()) && url.endsWith(".data"));
        expect(ok, `${r.id} GET ${url} answered ${res.status()}`).toBe(true);
        if (res.status() >= 300 && res.status() < 400) expect(res.headers()["location"] ?? "").toMatch(/\/login/);
        if ([200, 202, 204].includes(res.status())) {
          // Single-fetch data requests encode a redirect in the body; it must point to login.
          expect(await res.text(), `${r.id} ${url}`).toMatch(/login/);
        }
      }
    }
    if (r.hasAction) {
      const res = await request.post(r.url, { maxRedirects: 0, headers: { Origin: BASE_URL }, form: { intent: "x" } });
      const ok = [401, 403, 405].includes(res.status()) || (res.status() >= 300 && res.status() < 400);
      expect(ok, `${r.id} POST ${r.url} answered ${res.status()}`).toBe(true);
      if (res.status() >= 300 && res.status() < 400) expect(res.headers()["location"] ?? "").toMatch(/\/login/);
    }
  }
});

test("a POST from another site is refused with 403 before the action runs", async ({ request }) => {
  const session = createSession(DEMO.employee);
  const before = (e2eDb().prepare("SELECT count(*) AS n FROM auth_sessions WHERE id = ?").get(session) as { n: number }).n;
  expect(before).toBe(1);
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    { Origin: BASE_URL, "Sec-Fetch-Site": "cross-site" },
    {},
  ];
  for (const headers of attempts) {
    const res = await request.post("/logout", {
      headers: { ...headers, Cookie: `kjp_session=${session}` },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("受け付けられません");
  }
  // The logout did not happen.
  const after = (e2eDb().prepare("SELECT count(*) AS n FROM auth_sessions WHERE id = ?").get(session) as { n: number }).n;
  expect(after).toBe(1);
  // Remix data requests are covered too.
  const data = await request.post("/logout.data", { headers: { Origin: "https://evil.example", Cookie: `kjp_session=${session}` } });
  expect(data.status()).toBe(403);
});

test("the session cookie is HttpOnly, SameSite=Lax, Path=/ and Secure in production", async ({ request }) => {
  const res = await request.post("/login", {
    headers: { Origin: BASE_URL },
    form: { staffNumber: DEMO.welfare, password: "kawasaki2026" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const cookie = res.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/kjp_session=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).toMatch(/Path=\//);
  expect(cookie).toMatch(/Secure/);
});

test("the audit log refuses updates and deletes", async () => {
  const db = e2eDb();
  expect(() => db.prepare("UPDATE audit_log SET outcome = 'success'").run()).toThrow(/append-only/);
  expect(() => db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  const failed = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login.success' AND actor_id = ?").get(employeeId(DEMO.welfare)) as { n: number };
  expect(failed.n).toBeGreaterThan(0);
});
