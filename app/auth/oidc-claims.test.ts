import { describe, expect, it } from "vitest";
import { parseEmployeeClaim, staffNumberFromClaims } from "./oidc-claims";

describe("OIDC_EMPLOYEE_CLAIM", () => {
  it("names a claim, or the local part of one", () => {
    expect(parseEmployeeClaim("employeeid")).toEqual({ claim: "employeeid", part: "whole" });
    expect(parseEmployeeClaim(" preferred_username:localpart ")).toEqual({ claim: "preferred_username", part: "localpart" });
    expect(parseEmployeeClaim("extension_0a1b2c3d_employeeNumber")).toEqual({ claim: "extension_0a1b2c3d_employeeNumber", part: "whole" });
  });

  it("refuses anything else", () => {
    for (const bad of ["", ":localpart", "upn:domain", "a:localpart:x", "has space", "1abc"]) expect(parseEmployeeClaim(bad)).toBeNull();
  });
});

describe("the 職員番号 from the ID token's claims", () => {
  const employeeid = { claim: "employeeid", part: "whole" } as const;
  const upn = { claim: "preferred_username", part: "localpart" } as const;

  it("reads the claim as it is", () => {
    expect(staffNumberFromClaims({ employeeid: "100001" }, employeeid)).toBe("100001");
    expect(staffNumberFromClaims({ employeeid: " 100001 " }, employeeid)).toBe("100001");
    expect(staffNumberFromClaims({ employeeid: 100001 }, employeeid)).toBe("100001");
  });

  it("takes the part before the last @ of a sign-in name", () => {
    expect(staffNumberFromClaims({ preferred_username: "100001@city.kawasaki.jp" }, upn)).toBe("100001");
    expect(staffNumberFromClaims({ preferred_username: "100001" }, upn)).toBeNull();
    expect(staffNumberFromClaims({ preferred_username: "@city.kawasaki.jp" }, upn)).toBeNull();
  });

  it("is null when the claim is missing, empty, or not a 職員番号", () => {
    expect(staffNumberFromClaims({}, employeeid)).toBeNull();
    expect(staffNumberFromClaims({ employeeid: "" }, employeeid)).toBeNull();
    expect(staffNumberFromClaims({ employeeid: ["100001"] }, employeeid)).toBeNull();
    expect(staffNumberFromClaims({ employeeid: "100001 OR 1=1" }, employeeid)).toBeNull();
    expect(staffNumberFromClaims({ employeeid: "1".repeat(21) }, employeeid)).toBeNull();
    expect(staffNumberFromClaims({ employeeid: 1.5 }, employeeid)).toBeNull();
  });
});
