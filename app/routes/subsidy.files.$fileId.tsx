import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/permissions.server";
import { auditAlone } from "~/services/audit/audit.server";
import { getFileForDownload } from "~/services/subsidy/queries.server";
import { readUpload } from "~/services/subsidy/uploads.server";

// A receipt or proof of pass, only through this access-checked route and only as an
// attachment: the browser never renders it inline on our origin.

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireUser(args);
  const file = await getFileForDownload({ fileId: args.params.fileId ?? "", viewer });
  const bytes = file ? readUpload(file.storedName) : null;
  if (!file || !bytes) {
    await auditAlone({ actorId: viewer.id, action: "subsidy.file.denied", target: `subsidy_file:${(args.params.fileId ?? "").slice(0, 64)}`, outcome: "denied", ip: args.context.ip });
    throw notFound();
  }
  await auditAlone({ actorId: viewer.id, action: "subsidy.file.download", target: `subsidy_file:${file.id}`, outcome: "success", ip: args.context.ip });
  const ascii = `subsidy-${file.kind}.${file.mime === "application/pdf" ? "pdf" : file.mime === "image/png" ? "png" : "jpg"}`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
