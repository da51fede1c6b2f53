import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirect("/my?tab=1")).toBe("/my?tab=1");
    expect(safeRedirect("/subsidy/new#files")).toBe("/subsidy/new#files");
    expect(safeRedirect("/")).toBe("/");
  });

  // Browsers drop tabs and newlines from URLs and read a backslash as a slash, so each of
  // these becomes `//other-host/…` once the browser has it.
  it.each([
    ["protocol-relative", "//evil.example/"],
    ["slash backslash", "/\\evil.example"],
    ["slash tab slash", "/\t/evil.example/"],
    ["slash tab backslash", "/\t\\evil.example/"],
    ["slash newline slash", "/\n/evil.example/"],
    ["slash CR slash", "/\r/evil.example/"],
    ["absolute https", "https://evil.example/"],
    ["scheme-relative http", "http:evil.example"],
    ["javascript", "javascript:alert(1)"],
    ["javascript after a newline", "\njavascript:alert(1)"],
    ["data", "data:text/html,<script>alert(1)</script>"],
  ])("refuses %s", (_label, payload) => {
    expect(safeRedirect(payload)).toBe("/");
  });

  it("refuses a value that names our own origin and then another host in the path", () => {
    expect(safeRedirect("/\t/portal.invalid//evil.example/")).toBe("/");
    expect(safeRedirect("/\t/portal.example//evil.example/", "/", "https://portal.example")).toBe("/");
    expect(safeRedirect("/my", "/", "https://portal.example")).toBe("/my");
    // Only paths are accepted, even an absolute URL of our own origin.
    expect(safeRedirect("https://portal.example/my", "/", "https://portal.example")).toBe("/");
  });

  it("keeps percent-encoded tabs and backslashes as a path on this site", () => {
    // `%09` and `%5C` stay encoded: the browser never decodes them into a host.
    expect(safeRedirect("/%09/other-host/")).toBe("/%09/other-host/");
    expect(safeRedirect("/%5C/other-host/")).toBe("/%5C/other-host/");
    expect(safeRedirect("/%09")).toBe("/%09");
  });

  it("refuses a value that is not a path on this site, and non-strings", () => {
    expect(safeRedirect("%09//evil.example")).toBe("/");
    expect(safeRedirect("evil.example")).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it("uses the given fallback", () => {
    expect(safeRedirect("//evil.example", "/my")).toBe("/my");
  });
});
