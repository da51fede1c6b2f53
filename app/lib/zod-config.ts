import { z } from "zod";

// Zod's global settings, set once. Imported first by root.tsx, so they apply before any
// route module builds a schema, on the server as in the browser (one behaviour for both).
//
// - jitless: zod compiles object parsers with `new Function` when it may, and finds out by
//   trying one as soon as the first object schema is built. Our CSP (no 'unsafe-eval')
//   refuses that and reports a violation on every page. Without the JIT the same schemas
//   run interpreted; our forms are small.
// - Japanese: a check without a message of our own (there should be none a user can reach)
//   still answers in Japanese, never in zod's English. Our own messages win over it.
z.config({ jitless: true });
z.config(z.locales.ja());
