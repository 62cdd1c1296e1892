/*
** Signing in to the pages once (auth.h's sessions): /login takes a token and
** sets the session cookie, /logout ends it. The cookie is HttpOnly,
** SameSite=Strict, Secure when the request came over TLS through a trusted
** proxy; the server keeps only its secret's SHA-256 and ends it after a
** working day without a request (AUTH_SESSION_IDLE). Forms keep their CSRF
** check; API bearer tokens are unchanged.
*/
#include <string.h>

#include "auth.h"
#include "form.h"
#include "page.h"
#include "routes.h"

void page_sign_in_first(Req *pReq, Resp *r, const char *const *azArg) {
  Buf back = {0}, next = {0};
  buf_puts(&back, pReq->zPath);
  for (int i = 0; azArg && azArg[i]; i++) {
    const char *z = req_value(pReq, azArg[i]);
    if (!z) continue;
    buf_printf(&back, "%c%s=", strchr(back.z, '?') ? '&' : '?', azArg[i]);
    http_put_query_value(&back, z); /* encoded twice: once here, once as next's value */
  }
  http_put_query_value(&next, back.z);
  if (strlen("/login?next=") + next.n >= sizeof(r->zLocation)) { /* too long: the path alone */
    buf_reset(&next);
    http_put_query_value(&next, pReq->zPath);
  }
  snprintf(r->zLocation, sizeof(r->zLocation), "/login?next=%s", next.n ? next.z : "/desk");
  buf_free(&back);
  buf_free(&next);
  resp_text(r, 303, "text/plain; charset=utf-8", "sign in first\n", 14);
}

/* Where to go after signing in: a path of this site only. */
static const char *next_path(const char *z) {
  if (!z || z[0] != '/' || z[1] == '/' || z[1] == '\\' || strpbrk(z, "\r\n")) return "/desk";
  return z;
}

static void login_page(Req *pReq, Resp *r, int status, const char *zCsrf, const char *zNext,
                       const char *zError) {
  Buf b = {0};
  pages_begin(&b, pReq, _("Sign in"), "/login");
  hprintf(&b, "<h1>%s</h1>", _("Sign in"));
  if (pReq->bSession) {
    buf_puts(&b, "<p class=\"lede\">");
    hprintf(&b, _("You are signed in as <strong>%s</strong>."), pReq->caller.zName);
    hprintf(&b, " <a href=\"/desk\">%s</a> \xc2\xb7 <a href=\"/logout\">%s</a></p>", _("Your desk"),
            _("Sign out"));
  }
  buf_puts(&b, "<p class=\"lede\">");
  buf_puts(&b, _("With the token the registry gave you (<code>pacta token create</code>): the "
                 "depositary's, or your party's delegate's. You stay signed in in this browser "
                 "until you sign out or leave it idle for a working day."));
  buf_puts(&b, "</p>");
  hprintf(&b,
          "<form method=\"post\" action=\"/login\" class=\"fields\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<input type=\"hidden\" name=\"next\" value=\"%s\"><div>"
          "<label for=\"token\">%s</label>"
          "<input type=\"password\" id=\"token\" name=\"token\" required autocomplete=\"off\" "
          "aria-describedby=\"token-hint%s\"%s>",
          zCsrf, next_path(zNext), _("Token"), zError ? " token-error" : "",
          zError ? " aria-invalid=\"true\"" : "");
  if (zError) hprintf(&b, "<p class=\"error\" id=\"token-error\">%s</p>", zError);
  buf_puts(&b, "<p class=\"hint\" id=\"token-hint\">");
  buf_puts(&b, _("It starts with <code>pacta_</code>. The registry keeps only its SHA-256."));
  hprintf(&b, "</p></div><div><button type=\"submit\">%s</button></div></form>", _("Sign in"));
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

void page_get_login(Req *pReq, Resp *r) {
  char zCsrf[33];
  csrf_new(r, "/login", zCsrf);
  login_page(pReq, r, 200, zCsrf, req_arg(pReq, "next"), 0);
}

void page_post_login(Req *pReq, Resp *r) {
  Form f;
  form_parse(&f, pReq->zBody, pReq->nBody);
  char zCsrf[33];
  if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/login", zCsrf);
    login_page(pReq, r, 403, zCsrf, form_get(&f, "next"),
               _("The form's security code did not match (a form from another site, or an old "
                 "page): sign in again."));
    form_free(&f);
    return;
  }
  Caller c;
  char *zSecret = auth_session_start(pReq->pDb, form_get(&f, "token"), &c);
  if (!zSecret) {
    login_page(pReq, r, 401, zCsrf, form_get(&f, "next"),
               _("This token is unknown or revoked: check it, or ask the depositary for a new "
                 "one."));
    form_free(&f);
    return;
  }
  snprintf(r->zSetCookie, sizeof(r->zSetCookie), "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
           HTTP_SESSION_COOKIE, zSecret, pReq->bSecure ? "; Secure" : "");
  snprintf(r->zLocation, sizeof(r->zLocation), "%s", next_path(form_get(&f, "next")));
  resp_text(r, 303, "text/plain; charset=utf-8", "signed in\n", 10);
  xfree(zSecret);
  form_free(&f);
}

static void logout_page(Req *pReq, Resp *r, int status, const char *zCsrf, const char *zMsg) {
  Buf b = {0};
  pages_begin(&b, pReq, _("Sign out"), 0);
  hprintf(&b, "<h1>%s</h1>", _("Sign out"));
  if (zMsg) form_notice(&b, false, zMsg);
  if (pReq->bSession) {
    buf_puts(&b, "<p class=\"lede\">");
    hprintf(&b, _("Signed in as <strong>%s</strong>."), pReq->caller.zName);
    hprintf(&b,
            "</p><form method=\"post\" action=\"/logout\"><input type=\"hidden\" "
            "name=\"csrf\" value=\"%s\"><button type=\"submit\">%s</button></form>",
            zCsrf, _("Sign out"));
  } else {
    hprintf(&b, "<p class=\"lede\">%s <a href=\"/login\">%s</a></p>", _("You are not signed in."),
            _("Sign in"));
  }
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

void page_get_logout(Req *pReq, Resp *r) {
  char zCsrf[33];
  csrf_new(r, "/logout", zCsrf);
  logout_page(pReq, r, 200, zCsrf, 0);
}

void page_post_logout(Req *pReq, Resp *r) {
  Form f;
  form_parse(&f, pReq->zBody, pReq->nBody);
  char zCsrf[33];
  if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/logout", zCsrf);
    logout_page(pReq, r, 403, zCsrf,
                _("The form's security code did not match: press Sign out on this page."));
    form_free(&f);
    return;
  }
  char zSession[80];
  if (req_cookie(pReq, HTTP_SESSION_COOKIE, zSession, sizeof(zSession)))
    auth_session_end(pReq->pDb, zSession);
  snprintf(r->zSetCookie, sizeof(r->zSetCookie),
           "%s=; Path=/; HttpOnly; SameSite=Strict; "
           "Max-Age=0%s",
           HTTP_SESSION_COOKIE, pReq->bSecure ? "; Secure" : "");
  snprintf(r->zLocation, sizeof(r->zLocation), "/");
  resp_text(r, 303, "text/plain; charset=utf-8", "signed out\n", 11);
  form_free(&f);
}
