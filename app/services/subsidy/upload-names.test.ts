// Issue 10 item 3: display names of uploads are shown in lists and sent back in
// Content-Disposition; a bidi override can make `gpj.exe` look like `exe.jpg`.
import { expect, it } from "vitest";
import { cleanFileName, readSubsidyForm } from "./uploads.server";

it("strips bidi control characters from upload display names", () => {
  const controls = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
  for (const c of controls) expect(cleanFileName(`領収書${c}fdp.pdf`)).toBe("領収書fdp.pdf");
  expect(cleanFileName("\u202eReceipt\u202c.pdf")).toBe("Receipt.pdf");
});

it("keeps = and ; in upload names", () => {
  expect(cleanFileName("receipt=2026.pdf")).toBe("receipt=2026.pdf");
  expect(cleanFileName("領収書;コピー.pdf")).toBe("領収書;コピー.pdf");
});

// Browsers put the name into Content-Disposition as a quoted string and escape only `"`,
// CR and LF, so `=` and `;` arrive as they are.
function rawMultipart(filename: string): Request {
  const b = "----kjpBoundary";
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="receipt"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from("%PDF-1.4\n%%EOF\n"),
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return new Request("http://localhost/subsidy/new", { method: "POST", body, headers: { "Content-Type": `multipart/form-data; boundary=${b}` } });
}

it.each(["receipt=2026.pdf", "領収書;コピー.pdf", "a=b; filename=c.pdf"])("reads an upload named %s", async (name) => {
  const form = await readSubsidyForm(rawMultipart(name));
  expect(form.get("intent")).toBe("save");
  expect((form.get("receipt") as File).name).toBe(name);
});

it("answers a malformed multipart body with 400 and a Japanese message", async () => {
  const broken = new Request("http://localhost/subsidy/new", {
    method: "POST",
    body: "--x\r\nContent-Disposition: form-data; name=\"a\r\n\r\nb\r\n--x",
    headers: { "Content-Type": "multipart/form-data; boundary=x" },
  });
  const err = await readSubsidyForm(broken).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Response);
  expect((err as Response).status).toBe(400);
  expect(await (err as Response).text()).toMatch(/読み取れません/);
});
