import { Link } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";

/**
 * A plain list of staff (職員番号・氏名・職位・所属), e.g. a supervisor's subordinates.
 * With `historyLink`, each name opens the person's 研修の受講歴.
 */
export function PeopleTable({
  people,
  label = "職員の一覧",
  historyLink = false,
}: {
  people: { id: string; staffNumber: string; name: string; rank: string | null; unit: string | null }[];
  label?: string;
  historyLink?: boolean;
}) {
  return (
    <TableScroll label={label}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">職員番号</th>
            <th scope="col">氏名</th>
            <th scope="col">職位</th>
            <th scope="col">所属</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>{p.staffNumber}</td>
              <td className="nowrap">
                {historyLink ? (
                  <Link to={`/training/history?employee=${encodeURIComponent(p.id)}`} aria-label={`${p.name}さんの研修の受講歴`}>
                    {p.name}
                  </Link>
                ) : (
                  p.name
                )}
              </td>
              <td>{p.rank}</td>
              <td>{p.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
