/**
 * Reading a submitted form safely. Remix's `unstable_parseMultipartFormData` hands the
 * part headers to @web3-storage/multipart-parser, which splits Content-Disposition on
 * every `;` and `=` — also inside the quoted file name — and throws on
 * `filename="receipt=2026.pdf"`, a name browsers send exactly like that. Node's own
 * parser (undici, behind `Response.formData()`) reads quoted strings properly, so the
 * body is read here with a byte limit and handed to it.
 */

const BAD_FORM_MESSAGE = "送信された内容を読み取れませんでした。画面を再読み込みして、もう一度操作してください。";

/** 400 for a body that is not a readable form (malformed multipart, JSON, a bad _data request). */
export function badFormRequest(): Response {
  return new Response(BAD_FORM_MESSAGE, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export type MultipartLimits = {
  /** The whole body; beyond it `tooLarge()` is thrown and the rest is not read. */
  maxBytes: number;
  /** One text field; beyond it `tooLarge()` is thrown. */
  maxTextBytes: number;
  /** One file is cut to this many bytes: enough to tell that it was too large. */
  keepFileBytes: number;
  /** Only file parts under these names are kept; an empty text part under one means "no file". */
  fileFields: readonly string[];
  tooLarge: () => Response;
};

async function readBody(request: Request, limits: Pick<MultipartLimits, "maxBytes" | "tooLarge">): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limits.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw limits.tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A multipart (or urlencoded) form, read within `limits`. A body the parser cannot read
 * is the client's mistake: it becomes a thrown 400 with a Japanese message, not a 500.
 */
export async function readLimitedForm(request: Request, limits: MultipartLimits): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limits.maxBytes) throw limits.tooLarge();
  const body = await readBody(request, limits);
  let parsed: FormData;
  try {
    parsed = await new Response(body, { headers: { "Content-Type": type } }).formData();
  } catch {
    throw badFormRequest();
  }
  const out = new FormData();
  for (const [name, value] of parsed) {
    if (typeof value === "string") {
      if (Buffer.byteLength(value) > limits.maxTextBytes) throw limits.tooLarge();
      if (value === "" && limits.fileFields.includes(name)) continue;
      out.append(name, value);
      continue;
    }
    // No file chosen: browsers send an empty part with an empty name.
    if (!limits.fileFields.includes(name) || value.name === "" || value.size === 0) continue;
    // Only the base name, as RFC 7578 §4.2 recommends (a path is never ours to keep).
    const filename = value.name.split(/[/\\]/).pop() ?? "";
    const kept = value.size > limits.keepFileBytes ? value.slice(0, limits.keepFileBytes) : value;
    out.append(name, new File([kept], filename, { type: value.type }));
  }
  return out;
}
