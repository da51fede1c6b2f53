import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./zod-config";

describe("zod's global settings", () => {
  it("answers in Japanese where a schema has no message of its own", () => {
    const message = z.object({ n: z.number().int().min(2) }).safeParse({ n: 1 }).error?.issues[0]?.message ?? "";
    expect(message).toMatch(/[ぁ-んァ-ン一-龠]/);
    expect(message).not.toMatch(/too small|expected/i);
    expect(z.string().safeParse(3).error?.issues[0]?.message).not.toMatch(/Invalid input/);
  });

  it("keeps the project's own messages", () => {
    expect(z.string().min(1, "氏名を入力してください。").safeParse("").error?.issues[0]?.message).toBe("氏名を入力してください。");
  });
});
