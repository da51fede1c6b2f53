import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStatsViewer } from "~/auth/require-stats.server";
import { FiscalYearSwitcher } from "~/components/fiscal-year-select";
import { IndicatorSection } from "~/components/stats/indicator-section";
import { ProgressTable } from "~/components/stats/progress-table";
import { fiscalYearFromUrl, fiscalYearLabel, reiwaFiscalYearLabel, selectableFiscalYears } from "~/lib/fiscal-year";
import { indicatorsFor } from "~/services/progress/indicators.server";
import { progressRows } from "~/services/progress/modules.server";

export const meta: MetaFunction = () => [{ title: "取組の進捗（統計） | かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = requireStatsViewer(args);
  const years = selectableFiscalYears();
  const fiscalYear = fiscalYearFromUrl(new URL(args.request.url), years);
  return { fiscalYear, years, rows: await progressRows(viewer, fiscalYear), indicators: await indicatorsFor(viewer) };
}

export default function Progress() {
  const { fiscalYear, years, rows, indicators } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>取組の進捗 — {fiscalYearLabel(fiscalYear)}</h1>
      <FiscalYearSwitcher years={years} value={fiscalYear} className="button-row button-row--end" />

      <h2>取組ごとの実績（前年度 {reiwaFiscalYearLabel(fiscalYear - 1)} との比較）</h2>
      <ProgressTable rows={rows} fiscalYear={fiscalYear} />
      {indicators ? <IndicatorSection indicators={indicators.values} canEdit={indicators.canEdit} fiscalYear={fiscalYear} /> : null}
    </>
  );
}
