import { z } from "zod";
import { GRANTABLE_ROLES } from "~/auth/roles";

export const accountActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("roles"),
    roles: z.array(z.enum(GRANTABLE_ROLES, { error: "選択できない権限が含まれています。" })).default([]),
  }),
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("enable") }),
  z.object({ intent: z.literal("reset-password") }),
]);
