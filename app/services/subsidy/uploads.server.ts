/**
 * Receipts and proofs of pass: read from the multipart form with hard size limits, checked
 * by their content (file-type reads the magic bytes; the browser's type and the name's
 * extension are not trusted), and stored outside public/ under random names.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { readLimitedForm } from "~/lib/form-data.server";
import { dataDir } from "../../../db/client";
import { FILE_KINDS, FILE_KIND_LABELS, type FileKind } from "./labels";
import { MAX_FILE_BYTES, MAX_FILE_SIZE_LABEL } from "./schemas";

/** Content types we keep, and the file name extensions that may carry each. */
export const ALLOWED_TYPES: Record<string, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
};

/** Two files at the limit plus the text fields; anything bigger is refused unread. */
export const MAX_REQUEST_BYTES = 2 * MAX_FILE_BYTES + 256 * 1024;
const MAX_TEXT_FIELD_BYTES = 16 * 1024;

function tooLarge(): Response {
  return new Response(`送信されたデータが大きすぎます。ファイルは1件${MAX_FILE_SIZE_LABEL}以下にしてください。`, {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * The form of a subsidy page, multipart or not. A file part keeps at most
 * MAX_FILE_BYTES + 1 bytes (enough to tell that it is too large), so a large file becomes
 * a message at its field instead of a failed request. Only the file fields the form has
 * are kept. Throws 413 for a request beyond MAX_REQUEST_BYTES, 400 for an unreadable body.
 */
export async function readSubsidyForm(request: Request): Promise<FormData> {
  return readLimitedForm(request, {
    maxBytes: MAX_REQUEST_BYTES,
    maxTextBytes: MAX_TEXT_FIELD_BYTES,
    keepFileBytes: MAX_FILE_BYTES + 1,
    fileFields: FILE_KINDS,
    tooLarge,
  });
}

export type CheckedUpload = { kind: FileKind; originalName: string; mime: string; bytes: Buffer };
export type UploadCheck = { ok: true; upload: CheckedUpload } | { ok: false; error: string };

/** Original names are shown and sent back in Content-Disposition: keep them printable and short. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // Bidi controls go entirely: an override can show `gpj.exe` as `exe.jpg`.
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize("NFC").replace(/[\u202a-\u202e\u2066-\u2069]/g, "").replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "_").trim();
  if (cleaned.length <= 120) return cleaned || "file";
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 120 - ext.length) + ext;
}

/** Is this upload really a PDF, JPEG or PNG, within the size limit, and named as what it is? */
export async function checkUpload(kind: FileKind, file: File): Promise<UploadCheck> {
  const label = FILE_KIND_LABELS[kind];
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: `${label}のファイルは${MAX_FILE_SIZE_LABEL}以下にしてください。` };
  if (file.size === 0) return { ok: false, error: `${label}のファイルが空です。` };
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  const allowedExts = detected ? ALLOWED_TYPES[detected.mime] : undefined;
  if (!detected || !allowedExts) {
    return { ok: false, error: `${label}はPDF・JPEG・PNGのファイルを選択してください（ファイルの内容がこれらの形式ではありません）。` };
  }
  const originalName = cleanFileName(file.name);
  const ext = originalName.toLowerCase().split(".").pop() ?? "";
  if (!allowedExts.includes(ext)) {
    return { ok: false, error: `${label}のファイルの内容（${detected.ext.toUpperCase()}）が拡張子（.${ext}）と一致しません。` };
  }
  return { ok: true, upload: { kind, originalName, mime: detected.mime, bytes } };
}

export function uploadDir(): string {
  return path.join(dataDir(), "uploads", "subsidy");
}

/** Writes the bytes under a fresh random name (never reused: `wx`) and returns that name. */
export function writeUpload(bytes: Buffer): string {
  const dir = uploadDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const storedName = randomBytes(24).toString("hex");
  // On disk before the row that names it commits (synchronous=FULL makes the row durable;
  // the bytes must be at least as durable, or a power cut could keep a receipt's row and
  // lose the receipt).
  const fd = fs.openSync(path.join(dir, storedName), "wx", 0o600);
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return storedName;
}

/** Removes bytes whose database row was never written (a failed save). */
export function discardUpload(storedName: string): void {
  fs.rmSync(path.join(uploadDir(), storedName), { force: true });
}

/** The stored bytes, or null when they are missing. `storedName` comes from our own table. */
export function readUpload(storedName: string): Buffer | null {
  if (!/^[0-9a-f]{48}$/.test(storedName)) return null;
  try {
    return fs.readFileSync(path.join(uploadDir(), storedName));
  } catch {
    return null;
  }
}
