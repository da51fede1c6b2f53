import { z } from "zod";

/** マイページ's mail switches: a checkbox sends "on" when ticked and nothing when not. */
export const mailPreferencesSchema = z.object({
  reminders: z.literal("on").optional().transform((v) => v === "on"),
  digests: z.literal("on").optional().transform((v) => v === "on"),
});

export const resendSchema = z.object({
  intent: z.literal("resend"),
  id: z.coerce.number().int().positive(),
});
