import { Link } from "@remix-run/react";
import { formatDateTimeJa } from "~/lib/fiscal-year";
import { ApplicationTag } from "./parts";
import type { ApplicationStatus } from "~/services/promotion/transitions";

type Applicant = {
  id: string;
  name: string;
  staffNumber: string;
  rank: string | null;
  unitPath: string;
  status: ApplicationStatus;
  stageName: string;
  submittedAt: number | null;
  opinion: string | null;
  placement: string | null;
};

const OPINION: Record<string, string> = { recommend: "推薦する", not_recommend: "推薦しない" };

/** 人事課's list of a call's applicants (withdrawn ones stay, marked). */
export function ApplicantsTable({ applicants, stages }: { applicants: Applicant[]; stages: string[] }) {
  if (applicants.length === 0) return <p>応募者はまだいません。</p>;
  return (
    <div className="table-wrap">
      <table className="table promotion-table">
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">職員番号</th>
            <th scope="col">職位・所属（応募時）</th>
            <th scope="col">状態</th>
            <th scope="col">選考の段階</th>
            <th scope="col">所属長意見</th>
            <th scope="col">配置先</th>
            <th scope="col">応募日時</th>
          </tr>
        </thead>
        <tbody>
          {applicants.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/promotion/manage/applications/${a.id}`}>{a.name}</Link>
              </td>
              <td>{a.staffNumber}</td>
              <td>
                {a.rank ?? ""} {a.unitPath}
              </td>
              <td>
                <ApplicationTag status={a.status} />
              </td>
              <td>{a.status === "submitted" ? a.stageName : a.status === "passed" || a.status === "placed" ? stages.join("・") + " 合格" : "—"}</td>
              <td>{a.opinion ? OPINION[a.opinion] : "—"}</td>
              <td>{a.placement ?? "—"}</td>
              <td>{a.submittedAt ? formatDateTimeJa(new Date(a.submittedAt)) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
