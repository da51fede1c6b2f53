// The sign-in provider of the e2e run: oauth2-mock-server 8 (a real OpenID Connect provider
// with discovery, JWKS, PKCE and signed ID tokens) on loopback, in front of which sits a small
// sign-in page standing in for Entra ID's. The page also lets a test ask for one thing to be
// wrong with the ID token it will get (audience, issuer, nonce, expiry, a changed claim after
// signing), so each of the portal's checks is proven against a real token.
import http from "node:http";
import express from "express";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";

const host = process.env.OIDC_HOST ?? "127.0.0.1";
const port = Number(process.env.OIDC_PORT);
if (!port) throw new Error("OIDC_PORT is required");

const issuer = new OAuth2Issuer();
issuer.url = `http://${host}:${port}`;
await issuer.keys.generate("RS256");
const service = new OAuth2Service(issuer);

/** What the person typed on the sign-in page, by the authorization code it led to. */
const logins = new Map();

service.on("beforeAuthorizeRedirect", (redirect, req) => {
  const code = redirect.url.searchParams.get("code");
  if (!code) return;
  logins.set(code, {
    username: String(req.query.username ?? ""),
    employeeid: String(req.query.employeeid ?? ""),
    change: String(req.query.change ?? "none"),
  });
});

service.on("beforeTokenSigning", (token, req) => {
  const login = logins.get(req.body?.code);
  if (!login) return;
  const p = token.payload;
  p.sub = `entra-${login.username}`;
  if ("scope" in p) return; // the access token; only the ID token matters to the portal
  p.preferred_username = login.username;
  p.name = login.username;
  if (login.employeeid) p.employeeid = login.employeeid;
  const now = Math.floor(Date.now() / 1000);
  if (login.change === "wrong-audience") p.aud = "some-other-application";
  if (login.change === "wrong-issuer") p.iss = `http://${host}:${port}/another-tenant/v2.0`;
  if (login.change === "wrong-nonce") p.nonce = "a-nonce-of-another-sign-in";
  if (login.change === "expired") Object.assign(p, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
});

service.on("beforeResponse", (response, req) => {
  const login = logins.get(req.body?.code);
  if (!login) return;
  logins.delete(req.body.code);
  if (login.change === "tampered" && typeof response.body.id_token === "string") {
    // Someone else's 職員番号 put into the payload after signing; the signature is kept.
    const [header, payload, signature] = response.body.id_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    claims.employeeid = "100009";
    response.body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
  }
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signInPage(query) {
  const hidden = Object.entries(query)
    .filter(([, v]) => typeof v === "string")
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join("");
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>サインイン（試験用プロバイダー）</title></head>
<body><main><h1>サインイン（試験用プロバイダー）</h1>
<form method="get" action="/authorize">${hidden}
<p><label for="username">サインイン名</label> <input id="username" name="username" required></p>
<p><label for="employeeid">employeeid クレーム</label> <input id="employeeid" name="employeeid"></p>
<p><label for="change">IDトークンの改変</label> <select id="change" name="change">
<option value="none">なし</option><option value="wrong-audience">別のアプリ向け（aud）</option>
<option value="wrong-issuer">別の発行者（iss）</option><option value="wrong-nonce">別の nonce</option>
<option value="expired">有効期限切れ（exp）</option><option value="tampered">署名後に職員番号を書換え</option></select></p>
<p><button type="submit">サインイン</button> <button type="submit" name="cancel" value="1" formnovalidate>キャンセル</button></p>
</form></main></body></html>`;
}

const app = express();
app.disable("x-powered-by");
app.get("/authorize", (req, res, next) => {
  if (req.query.cancel) {
    // The person declined at the provider: it answers with an error, as Entra ID does.
    const back = new URL(String(req.query.redirect_uri));
    back.searchParams.set("error", "access_denied");
    if (req.query.state) back.searchParams.set("state", String(req.query.state));
    res.redirect(back.href);
    return;
  }
  if (req.query.username === undefined) {
    res.type("html").send(signInPage(req.query));
    return;
  }
  next();
});
app.use(service.requestHandler);

const server = http.createServer(app).listen(port, host, () => {
  console.log(`OIDC provider (e2e): ${issuer.url}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
