import { describe, expect, it } from "vitest";
import { isThrottled, LOGIN_THROTTLE } from "./throttle";

describe("login throttling", () => {
  it("allows attempts below the per-account limit", () => {
    expect(isThrottled({ accountFailures: LOGIN_THROTTLE.perAccount - 1, addressFailures: 0 })).toBe(false);
  });
  it("refuses once an account reached its limit", () => {
    expect(isThrottled({ accountFailures: LOGIN_THROTTLE.perAccount, addressFailures: 0 })).toBe(true);
  });
  it("refuses once an address reached its limit, whatever account it tries", () => {
    expect(isThrottled({ accountFailures: 0, addressFailures: LOGIN_THROTTLE.perAddress })).toBe(true);
  });
});
