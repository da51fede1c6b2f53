import { expect, it } from "vitest";
import { refuseAccountChange } from "./rules";

it("an admin cannot remove their own admin role or disable themselves, but may change others", () => {
  expect(refuseAccountChange("a", "a", { intent: "roles", roles: ["hr_dev"] })).toContain("管理者権限は外せません");
  expect(refuseAccountChange("a", "a", { intent: "roles", roles: ["admin", "hr_dev"] })).toBeNull();
  expect(refuseAccountChange("a", "a", { intent: "disable" })).toContain("無効にできません");
  expect(refuseAccountChange("a", "b", { intent: "disable" })).toBeNull();
  expect(refuseAccountChange("a", "b", { intent: "roles", roles: [] })).toBeNull();
});
