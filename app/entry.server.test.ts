// The document renderer must not keep a timer (and with it the request's whole render)
// alive once the page has been sent: under load every held render is memory (issue 10,
// item 8). Fake timers make this deterministic: we count pending timers, never wait.
import { Suspense, createElement, type ReactNode } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { EntryContext } from "@remix-run/node";

let page: () => ReactNode = () => createElement("p", null, "ホーム");

// The real RemixServer needs a whole build; the timer handling is the entry's own, so a
// stand-in element that renders what the test asks for is enough.
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  RemixServer: () => createElement("html", null, createElement("body", null, page())),
}));

const { default: handleRequest, renderTimeout, streamTimeout } = await import("./entry.server");

const context = {} as EntryContext;
const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" };
const bot = { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" };

async function render(headers: Record<string, string> = browser): Promise<{ status: number; html: string }> {
  const res = (await handleRequest(new Request("http://localhost/", { headers }), 200, new Headers(), context)) as Response;
  return { status: res.status, html: await res.text() };
}

beforeEach(() => {
  // Only timers are faked: React's scheduling (setImmediate, microtasks) runs for real.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  page = () => createElement("p", null, "ホーム");
});
afterEach(() => {
  vi.useRealTimers();
});

it("leaves no timer behind after a page has been rendered and read, for browsers and bots", async () => {
  for (let i = 0; i < 20; i++) {
    const { status, html } = await render(i % 2 ? bot : browser);
    expect(status).toBe(200);
    expect(html).toContain("ホーム");
  }
  expect(vi.getTimerCount()).toBe(0);
});

it("leaves no timer behind when the shell fails to render", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  page = () => {
    throw new Error("描画失敗");
  };
  for (let i = 0; i < 5; i++) await expect(render()).rejects.toThrow("描画失敗");
  expect(vi.getTimerCount()).toBe(0);
});

it("ends a render that never finishes after the render timeout, and then holds nothing", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  const never = new Promise<never>(() => {});
  const Hang = () => {
    throw never; // suspends forever, as a loader promise that never settles would
  };
  page = () => createElement(Suspense, { fallback: createElement("p", null, "読み込み中") }, createElement(Hang));
  const res = (await handleRequest(new Request("http://localhost/", { headers: browser }), 200, new Headers(), context)) as Response;
  const text = res.text();
  expect(vi.getTimerCount()).toBe(1);
  // Not before Remix has rejected late data (streamTimeout) and had a second to flush it.
  await vi.advanceTimersByTimeAsync(streamTimeout + 1_000);
  expect(vi.getTimerCount()).toBe(1);
  await vi.advanceTimersByTimeAsync(renderTimeout - streamTimeout - 1_000);
  const html = await text;
  expect(html).toContain("読み込み中");
  expect(vi.getTimerCount()).toBe(0);
});
