/** Failed-login limits: per account and per address, over a sliding window. */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  // One office network may sit behind one address, so this is set much higher.
  perAddress: 50,
} as const;

export type ThrottleInput = { accountFailures: number; addressFailures: number };

/** Is the next attempt refused without even checking the password? */
export function isThrottled({ accountFailures, addressFailures }: ThrottleInput, limits = LOGIN_THROTTLE): boolean {
  return accountFailures >= limits.perAccount || addressFailures >= limits.perAddress;
}
