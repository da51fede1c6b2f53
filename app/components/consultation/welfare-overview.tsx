// 労務厚生課's overview: the booking rules form, and this 年度's suppressed counts.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/form";
import {
  PAGE_SETTING_BOUNDS,
  RULE_BOUNDS,
  deadlineRuleText,
  minuteOfDayText,
  timeFieldText,
  type ConsultationPageSettings,
  type ConsultationRules,
} from "~/services/consultation/rules";
import { rulesSchema } from "~/services/consultation/schemas";
import type { z } from "zod";
import type { ConsultationYearStats } from "~/services/consultation/stats.server";
import { TableScroll } from "~/components/table-scroll";

export function RulesForm({
  rules,
  page,
  lastResult,
}: {
  rules: ConsultationRules | null;
  page: ConsultationPageSettings;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const pageDefaults = {
    overviewDays: page.overviewDays,
    slotListDaysBack: page.slotListDaysBack,
    slotListDaysAhead: page.slotListDaysAhead,
    sessionHistoryDays: page.sessionHistoryDays,
    defaultSlotStart: timeFieldText(page.defaultSlotStartMinute),
    defaultSlotEnd: timeFieldText(page.defaultSlotEndMinute),
  };
  const [form, fields] = useForm<z.input<typeof rulesSchema>>({
    id: "rules",
    lastResult,
    defaultValue: rules
      ? {
          bookingWindowDays: rules.bookingWindowDays,
          deadlineDaysBefore: rules.deadlineDaysBefore,
          deadlineTime: minuteOfDayText(rules.deadlineMinuteOfDay).padStart(5, "0"),
          maxPerFiscalYear: rules.maxPerFiscalYear,
          maxFutureBookings: rules.maxFutureBookings,
          ...pageDefaults,
        }
      : pageDefaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rulesSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const b = RULE_BOUNDS;
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">予約のルール</h2>
      {rules ? (
        <p>
          現在のルール: {rules.bookingWindowDays}日先まで予約可、締切は{deadlineRuleText(rules)}、1年度{rules.maxPerFiscalYear}回まで、同時に
          {rules.maxFutureBookings}件まで。
        </p>
      ) : (
        <p className="form-errors">ルールが未設定のため、職員は予約できません。下のフォームで設定してください。</p>
      )}
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined} className="consult-rules-form">
        <ErrorSummary form={form} />
        <input type="hidden" name="intent" value="rules" />
        <TextField
          label="予約できる期間（今日から何日先の枠まで）"
          field={fields.bookingWindowDays}
          type="number"
          hint={`${b.bookingWindowDays.min}〜${b.bookingWindowDays.max}日（例: 60）`}
          required
        />
        <TextField
          label="予約・変更・取消の締切（相談日の何日前）"
          field={fields.deadlineDaysBefore}
          type="number"
          hint={`0（当日）〜${b.deadlineDaysBefore.max}日（例: 1 = 前日）`}
          required
        />
        <TextField label="締切の時刻" field={fields.deadlineTime} hint="24時間表記（例: 17:00）" required />
        <TextField
          label="1人あたり1年度に予約できる回数"
          field={fields.maxPerFiscalYear}
          type="number"
          hint={`${b.maxPerFiscalYear.min}〜${b.maxPerFiscalYear.max}回（取消・変更した予約は数えません）`}
          required
        />
        <TextField
          label="同時に予約できる件数（これからの相談）"
          field={fields.maxFutureBookings}
          type="number"
          hint={`${b.maxFutureBookings.min}〜${b.maxFutureBookings.max}件`}
          required
        />
        <fieldset className="field field--group">
          <legend>ページの表示と相談枠の初期値</legend>
          <TextField label="概要に表示する期間（今日から何日先まで）" field={fields.overviewDays} type="number" hint={rangeHint("overviewDays", "日")} required />
          <TextField label="相談枠の一覧（今日から何日前の枠から）" field={fields.slotListDaysBack} type="number" hint={rangeHint("slotListDaysBack", "日")} required />
          <TextField label="相談枠の一覧（今日から何日先の枠まで）" field={fields.slotListDaysAhead} type="number" hint={rangeHint("slotListDaysAhead", "日")} required />
          <TextField label="コンサルタントに見せる終わった相談（過去何日分）" field={fields.sessionHistoryDays} type="number" hint={rangeHint("sessionHistoryDays", "日")} required />
          <TextField label="相談枠の開始時刻の初期値" field={fields.defaultSlotStart} hint="24時間表記（例: 18:00）" required />
          <TextField label="相談枠の終了時刻の初期値" field={fields.defaultSlotEnd} hint="24時間表記（例: 18:50）" required />
        </fieldset>
        <button type="submit" className="button">
          ルールを保存
        </button>
      </Form>
    </section>
  );
}

function rangeHint(key: keyof typeof PAGE_SETTING_BOUNDS, unit: string): string {
  const { min, max } = PAGE_SETTING_BOUNDS[key];
  return `${min}〜${max}${unit}`;
}

export function UsageStats({ stats }: { stats: ConsultationYearStats }) {
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">{stats.label}の利用状況</h2>
      <p className="muted">件数のみ。5件未満は「5未満」、そこから推計できてしまう数は「秘匿」と表示します。</p>
      {stats.withheld ? <p className="muted">件数が少なく内訳から個々の件数が推計できてしまうため、合計のみ表示しています。</p> : null}
      <TableScroll label={`${stats.label}の利用状況`}>
        <table className="table consult-stats">
          <thead>
            <tr>
              <th scope="col">区分</th>
              <th scope="col" className="num">
                予約
              </th>
              <th scope="col" className="num">
                実施
              </th>
              <th scope="col" className="num">
                無断キャンセル
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.rows.map((r) => (
              <tr key={r.key} className={r.kind === "total" ? "consult-stats__total" : undefined}>
                <th scope="row">{r.kind === "rankGroup" ? `職位: ${r.label}` : r.label}</th>
                <td className="num">{r.booked.display}</td>
                <td className="num">{r.held.display}</td>
                <td className="num">{r.noShow.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
