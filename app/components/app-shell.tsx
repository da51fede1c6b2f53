import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { RootData } from "~/root";

type Props = { data: RootData | undefined; notice: string | null; children: React.ReactNode };

/** Header with who I am, the 年度, notifications and logout; role-filtered navigation. */
/** The nav entry for the current page: the longest entry that the path starts with. */
function activeEntry(pathname: string, entries: { to: string }[]): string | null {
  let best: string | null = null;
  for (const { to } of entries) {
    const hit = to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
    if (hit && (best === null || to.length > best.length)) best = to;
  }
  return best;
}

export function AppShell({ data, notice, children }: Props) {
  const viewer = data?.viewer;
  const { pathname, key } = useLocation();
  const active = viewer ? activeEntry(pathname, viewer.nav) : null;
  // A notice arrives with a redirect (?notice=…). A role=status that is already in the page
  // when it loads is not announced, so focus is moved to it: by the browser (autofocus in
  // the server's HTML) without JavaScript, by this effect after a client-side navigation.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice, key]);
  return (
    <>
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a className="site-title" href="/">
            かわさき人財ポータル
          </a>
          {data ? (
            <p className="fiscal-year" aria-label="現在の年度">
              {data.fiscalYearLabel}
            </p>
          ) : null}
          {viewer ? (
            <div className="whoami">
              <p className="whoami__name">
                {viewer.name}
                {viewer.rank ? <span className="whoami__rank">（{viewer.rank}）</span> : null}
              </p>
              {viewer.orgPath ? <p className="whoami__org">{viewer.orgPath}</p> : null}
            </div>
          ) : null}
          {viewer ? (
            <div className="header-actions">
              <a className="notif-link" href="/notifications">
                お知らせ
                <span className={viewer.unread > 0 ? "badge" : "badge badge--zero"}>
                  {viewer.unread}
                  <span className="visually-hidden">件の未読</span>
                </span>
              </a>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--ghost">
                  ログアウト
                </button>
              </Form>
            </div>
          ) : null}
        </div>
        {viewer ? (
          <nav aria-label="メインメニュー" className="main-nav">
            <ul>
              {viewer.nav.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={item.to === active ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {notice ? (
          <p ref={noticeRef} className="notice" role="status" tabIndex={-1} autoFocus>
            {notice}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>川崎市 職員人財ビジョン 第1期取組計画（令和8年度〜令和11年度）</p>
      </footer>
    </>
  );
}
