import { z } from "zod";

// Zod compiles object parsers with `new Function` when it may, and finds out by trying one
// as soon as the first object schema is built. Our CSP (no 'unsafe-eval') refuses that and
// reports a violation on every page. Without the JIT the same schemas run interpreted; our
// forms are small. Imported first by root.tsx, so it runs before any route module builds a
// schema, on the server as in the browser (one behaviour for both).
z.config({ jitless: true });
