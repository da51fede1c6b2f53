// Must stay the first import: see the module.
import "~/lib/zod-config";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getViewer } from "~/auth/permissions.server";
import { AppShell } from "~/components/app-shell";
import { useNonce } from "~/lib/csp";
import { currentFiscalYear, fiscalYearLabel } from "~/lib/fiscal-year";
import { unreadCount } from "~/services/notifications/notifications.server";
import { navFor, noticeText } from "~/services/registry.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "かわさき人財ポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = getViewer(args);
  const fiscalYear = currentFiscalYear();
  return {
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    // Read here, not in the browser: the texts are registered by the services (server side).
    // The root loader runs again whenever the query string changes, so the notice follows.
    notice: noticeText(new URL(args.request.url).search),
    viewer: viewer && {
      name: viewer.name,
      orgPath: viewer.orgPath,
      rank: viewer.rank,
      unread: await unreadCount(viewer.id),
      nav: navFor(viewer.roles),
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <AppShell data={data} notice={data?.notice ?? null}>
      <Outlet />
    </AppShell>
  );
}

const ERROR_TEXT: Record<number, { title: string; body: string }> = {
  400: { title: "送信内容を読み取れませんでした", body: "画面を再読み込みして、もう一度操作してください。" },
  401: { title: "ログインが必要です", body: "このページを見るにはログインしてください。" },
  403: { title: "アクセスできません", body: "このページを表示する権限がありません。必要な場合は所管課にお問い合わせください。" },
  404: { title: "ページが見つかりません", body: "お探しのページは存在しないか、表示する権限がありません。" },
  405: { title: "この操作はできません", body: "このページでは行えない操作です。" },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const text = ERROR_TEXT[status] ?? {
    title: "エラーが発生しました",
    body: "申し訳ありません。処理中に問題が発生しました。時間をおいて再度お試しください。解決しない場合はシステム管理者にお問い合わせください。",
  };
  // Nothing from the error itself is shown: no message, no stack, no SQL.
  return (
    <AppShell data={data} notice={null}>
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{text.title}</h1>
        <p>{text.body}</p>
        <p className="muted">エラーコード: {status}</p>
        <p>
          <a href="/">ホームへ戻る</a>
        </p>
      </section>
    </AppShell>
  );
}
