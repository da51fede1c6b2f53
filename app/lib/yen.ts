const yenFormat = new Intl.NumberFormat("ja-JP");

/** Integer yen as "12,000円". */
export function formatYen(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new Error("yen must be an integer");
  return `${yenFormat.format(amount)}円`;
}
