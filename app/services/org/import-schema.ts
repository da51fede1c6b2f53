// The org import form's schema, shared by the page (Conform) and the action.
import { z } from "zod";
import { IMPORT_MAX_FILE_BYTES } from "./import-columns";

export const TOO_LARGE = `ファイルが大きすぎます。${IMPORT_MAX_FILE_BYTES / 1_000_000}MB以下のファイルにしてください。`;

// The content is checked by parsing it; the browser's MIME type for CSV varies
// (Excel on Windows sends application/vnd.ms-excel), so it is not checked.
export const importSchema = z.object({
  orgFile: z.file().max(IMPORT_MAX_FILE_BYTES, TOO_LARGE).optional(),
  employeeFile: z.file({ error: "職員CSVのファイルを選択してください。" }).max(IMPORT_MAX_FILE_BYTES, TOO_LARGE),
  confirmMassDisable: z.literal("on").optional(),
});

export type ImportForm = z.infer<typeof importSchema>;
