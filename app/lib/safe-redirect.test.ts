import { expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

it("keeps same-site paths and refuses anything that leaves the site", () => {
  expect(safeRedirect("/my?tab=1")).toBe("/my?tab=1");
  expect(safeRedirect("//evil.example/")).toBe("/");
  expect(safeRedirect("/\\evil.example")).toBe("/");
  expect(safeRedirect("https://evil.example")).toBe("/");
  expect(safeRedirect(null)).toBe("/");
});
