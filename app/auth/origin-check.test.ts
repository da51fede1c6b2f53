import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./origin-check";

const base = { host: "portal.example:3000", origin: undefined, secFetchSite: undefined };

describe("cross-site write refusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteWrite({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
  });

  it("accepts a POST from this site", () => {
    expect(
      isCrossSiteWrite({ ...base, method: "POST", origin: "http://portal.example:3000", secFetchSite: "same-origin" }),
    ).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://portal.example:3000" })).toBe(false);
  });

  it("refuses a POST from another origin, another port, or an opaque origin", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://portal.example:4000" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "null" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "DELETE", origin: "not a url" })).toBe(true);
  });

  it("refuses when Sec-Fetch-Site says cross-site even if Origin was forged to match", () => {
    expect(
      isCrossSiteWrite({ ...base, method: "POST", origin: "http://portal.example:3000", secFetchSite: "cross-site" }),
    ).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "same-site" })).toBe(true);
  });

  it("refuses a POST that carries neither header", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST" })).toBe(true);
  });
});
