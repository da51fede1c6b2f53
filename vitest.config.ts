import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "seeds/**/*.test.ts"],
    env: { TZ: "UTC" },
    globalSetup: ["./db/test-global-setup.ts"],
    setupFiles: ["./db/test-setup.ts"],
    pool: "forks",
  },
});
