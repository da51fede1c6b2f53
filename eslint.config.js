import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", "test-results/**", "e2e/.artifacts/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // lucia stays behind app/auth/: nothing else may import it.
      "no-restricted-imports": ["error", { patterns: [{ group: ["lucia", "@lucia-auth/*"], message: "Use app/auth/* instead of lucia directly." }] }],
    },
  },
  {
    // The data layer is async (decision 014): a query or write that is not awaited runs
    // outside its transaction or not at all, and `if (promise)` is always true; so are the
    // e2e fixtures' `sql` and session helpers. Typed rules, so they read the types of every call.
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "seeds/**/*.ts", "e2e/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["app/auth/lucia.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
