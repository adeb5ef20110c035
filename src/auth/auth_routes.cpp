#include "auth/auth_routes.hpp"

#include "core/error.hpp"
#include "core/validation.hpp"

namespace hearth {

namespace {

std::string SessionCookie(const std::string& token, int max_age) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(max_age);
}

}  // namespace

void AddAuthRoutes(Router& r, AuthService& auth) {
  r.Post("/api/v1/auth/login", Access::kPublic, [&](Ctx& c) {
    json::object body = c.Body();
    Validator v(body);
    v.RejectUnknown({"email", "password"});
    auto email = v.Text("email", 254);
    auto password = v.Text("password", 200);
    v.Require("email", email);
    v.Require("password", password);
    v.Finish();
    LoginResult result = auth.Login(*email.value, *password.value);
    Response res = Response::Json(
        json::object{{"token", result.token}, {"csrf_token", result.csrf_token}, {"user", result.user}});
    res.With("Set-Cookie", SessionCookie(result.token, 12 * 3600));
    res.With("X-CSRF-Token", result.csrf_token);
    res.With("Cache-Control", "no-store");
    return res;
  });

  r.Post("/api/v1/auth/logout", Access::kViewer, [&](Ctx& c) {
    auth.Logout(c.principal());
    return Response::NoContent().With("Set-Cookie", SessionCookie("", 0));
  });

  r.Get("/api/v1/me", Access::kViewer, [&](Ctx& c) {
    const Principal& p = c.principal();
    auto user = auth.CurrentUser(p);
    Response res = Response::Json(user);
    if (p.via_cookie) res.With("X-CSRF-Token", p.csrf_token);
    res.With("Cache-Control", "no-store");
    return res;
  });

  r.Get("/api/v1/api-tokens", Access::kViewer,
        [&](Ctx& c) { return Response::Json(json::object{{"items", auth.ListApiTokens(c.principal())}}); });
  r.Post("/api/v1/api-tokens", Access::kViewer, [&](Ctx& c) {
    json::object body = c.Body();
    Validator v(body);
    v.RejectUnknown({"name"});
    auto name = v.Text("name", 100);
    v.Require("name", name);
    v.Finish();
    json::object token = auth.CreateApiToken(c.principal(), *name.value);
    return Response::Created(token, "/api/v1/api-tokens/" + std::string(token.at("id").as_string()));
  });
  r.Delete("/api/v1/api-tokens/{id}", Access::kViewer, [&](Ctx& c) {
    auth.RevokeApiToken(c.principal(), c.Param("id"));
    return Response::NoContent();
  });
}

}  // namespace hearth
