import { z } from "zod";

export const loginSchema = z.object({
  staffNumber: z
    .string({ error: "職員番号を入力してください。" })
    .trim()
    .max(20, { error: "職員番号は20文字以内で入力してください。" }),
  password: z
    .string({ error: "パスワードを入力してください。" })
    .max(200, { error: "パスワードが長すぎます。" }),
  redirectTo: z.string().optional(),
});
