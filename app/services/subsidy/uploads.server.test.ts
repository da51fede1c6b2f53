import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "./schemas";
import { PDF_BYTES, PNG_BYTES } from "./test-helpers";
import { MAX_REQUEST_BYTES, checkUpload, cleanFileName, discardUpload, readSubsidyForm, readUpload, uploadDir, writeUpload } from "./uploads.server";

const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

describe("checkUpload", () => {
  it("accepts PDF, JPEG and PNG by their content", async () => {
    for (const [bytes, name, mime] of [
      [PDF_BYTES, "合格証.pdf", "application/pdf"],
      [JPEG_BYTES, "receipt.JPG", "image/jpeg"],
      [JPEG_BYTES, "receipt.jpeg", "image/jpeg"],
      [PNG_BYTES, "scan.png", "image/png"],
    ] as const) {
      const r = await checkUpload("receipt", new File([bytes], name, { type: "application/octet-stream" }));
      expect(r.ok, name).toBe(true);
      if (r.ok) expect(r.upload.mime).toBe(mime);
    }
  });

  it("refuses a text file called .pdf, whatever type the browser claimed", async () => {
    const r = await checkUpload("receipt", new File(["これはテキストです"], "receipt.pdf", { type: "application/pdf" }));
    expect(r).toEqual({ ok: false, error: expect.stringContaining("内容がこれらの形式ではありません") });
  });

  it("refuses other real formats (a GIF, a ZIP) and a PNG dressed as a PDF", async () => {
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
    expect((await checkUpload("proof", new File([gif], "a.png"))).ok).toBe(false);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0)]);
    expect((await checkUpload("proof", new File([zip], "a.pdf"))).ok).toBe(false);
    const r = await checkUpload("proof", new File([PNG_BYTES], "proof.pdf"));
    expect(r).toEqual({ ok: false, error: expect.stringContaining("拡張子（.pdf）と一致しません") });
  });

  it("refuses an empty file and one over the limit", async () => {
    expect((await checkUpload("proof", new File([], "a.pdf"))).ok).toBe(false);
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(MAX_FILE_BYTES)]);
    expect(await checkUpload("proof", new File([big], "a.pdf"))).toEqual({ ok: false, error: expect.stringContaining("5MB") });
  });
});

describe("cleanFileName", () => {
  it("keeps Japanese names, drops paths and control characters, and shortens", () => {
    expect(cleanFileName("領収書 2026.pdf")).toBe("領収書 2026.pdf");
    expect(cleanFileName("C:\\Users\\x\\evil\r\n\".pdf")).toBe("evil___.pdf");
    const long = cleanFileName(`${"あ".repeat(300)}.pdf`);
    expect(long.length).toBe(120);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});

describe("storage", () => {
  it("writes under the data directory with a random name, reads back, discards", () => {
    const name = writeUpload(PNG_BYTES);
    expect(name).toMatch(/^[0-9a-f]{48}$/);
    expect(path.dirname(path.join(uploadDir(), name))).toBe(path.join(process.env.DATA_DIR ?? "", "uploads", "subsidy"));
    expect(readUpload(name)?.equals(PNG_BYTES)).toBe(true);
    expect(readUpload("../../etc/passwd")).toBeNull();
    discardUpload(name);
    expect(fs.existsSync(path.join(uploadDir(), name))).toBe(false);
  });
});

describe("readSubsidyForm", () => {
  const url = "http://localhost/subsidy/new";
  it("reads text fields and the two file fields, dropping empty and unknown file parts", async () => {
    const fd = new FormData();
    fd.append("intent", "save");
    fd.append("examCost", "１２，０００");
    fd.append("receipt", new File([PDF_BYTES], "r.pdf", { type: "application/pdf" }));
    fd.append("proof", new File([], ""));
    fd.append("sneaky", new File([PNG_BYTES], "x.png"));
    const out = await readSubsidyForm(new Request(url, { method: "POST", body: fd }));
    expect(out.get("intent")).toBe("save");
    expect(out.get("examCost")).toBe("１２，０００");
    expect((out.get("receipt") as File).size).toBe(PDF_BYTES.length);
    expect(out.get("proof")).toBeNull();
    expect(out.get("sneaky")).toBeNull();
  });

  it("keeps only enough of a large file to know it is too large", async () => {
    const fd = new FormData();
    fd.append("receipt", new File([Buffer.alloc(MAX_FILE_BYTES + 100_000)], "big.pdf"));
    const out = await readSubsidyForm(new Request(url, { method: "POST", body: fd }));
    expect((out.get("receipt") as File).size).toBe(MAX_FILE_BYTES + 1);
  });

  it("refuses a request beyond the total limit with 413", async () => {
    const fd = new FormData();
    fd.append("receipt", new File([Buffer.alloc(MAX_REQUEST_BYTES + 1)], "big.pdf"));
    const err = await readSubsidyForm(new Request(url, { method: "POST", body: fd })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Response);
    expect((err as Response).status).toBe(413);
  });

  it("reads a plain urlencoded form too", async () => {
    const out = await readSubsidyForm(new Request(url, { method: "POST", body: new URLSearchParams({ intent: "transition" }) }));
    expect(out.get("intent")).toBe("transition");
  });
});
