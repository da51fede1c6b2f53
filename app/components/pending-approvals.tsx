import { Form, Link } from "@remix-run/react";
import type { PendingGroup } from "~/services/contract/registration";

/**
 * One service's section of the 承認 page, drawn the same way for every service from what
 * its registration returns. Quick decisions are plain forms: they work without JavaScript.
 */
export function PendingApprovals({ group }: { group: PendingGroup }) {
  const titleId = `pending-${group.key}-title`;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>
        {group.title}（{group.items.length}件）
      </h3>
      <p className="muted">{group.hint}</p>
      <ul className="approval-list">
        {group.items.map((item) => (
          <li key={item.key} className="panel approval">
            <p className="approval__who">
              <strong>{item.name}</strong>（{item.who}）
            </p>
            <p>
              {item.tag ? (
                <>
                  <span className={item.tag.className}>{item.tag.label}</span>{" "}
                </>
              ) : null}
              {item.lines.map((line, i) => (
                <span key={i}>
                  {i > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
              {item.note ? <span className="muted training-note">{item.note}</span> : null}
            </p>
            {item.quickDecision ? (
              <>
                <div className="button-row">
                  <Form method="post" action={item.quickDecision.action}>
                    <input type="hidden" name="intent" value="approve" />
                    <button type="submit" className="button">
                      {item.quickDecision.approveLabel}
                    </button>
                  </Form>
                  <Link to={item.link.to}>{item.link.label}</Link>
                </div>
                <details className="approval__return">
                  <summary>差し戻す</summary>
                  <Form method="post" action={item.quickDecision.action}>
                    <input type="hidden" name="intent" value="return" />
                    <div className="field">
                      <label htmlFor={`comment-${item.key}`}>
                        差戻しの理由<span className="required">（必須）</span>
                      </label>
                      <textarea id={`comment-${item.key}`} name="comment" rows={3} maxLength={500} required />
                    </div>
                    <button type="submit" className="button button--secondary">
                      {item.quickDecision.returnLabel}
                    </button>
                  </Form>
                </details>
              </>
            ) : (
              <Link to={item.link.to} className={item.link.primary ? "button button--link" : undefined}>
                {item.link.label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
