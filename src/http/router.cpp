#include "http/router.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"
#include "http/idempotency.hpp"
#include "http/problem.hpp"

#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

namespace hearth {

// ---- Request / Response / Ctx ------------------------------------------------------

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return value;
  return {};
}

bool Request::ParseTarget() {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  path = std::string(parsed->path());  // decoded
  if (path.find('\0') != std::string::npos || !IsValidUtf8(path)) return false;
  query.clear();
  for (auto param : parsed->params()) {
    query.emplace_back(std::string(param.key), std::string(param.value));
    const auto& [key, value] = query.back();
    if (!IsValidUtf8(key) || !IsValidUtf8(value) || key.find('\0') != std::string::npos ||
        value.find('\0') != std::string::npos)
      return false;
  }
  return true;
}

Response Response::Json(const json::value& value, int status) {
  Response res;
  res.status = status;
  res.body = ToJson(value);
  return res;
}

Response Response::NoContent() {
  Response res;
  res.status = 204;
  res.content_type.clear();
  return res;
}

Response Response::Created(const json::value& value, std::string location) {
  Response res = Json(value, 201);
  res.With("Location", std::move(location));
  return res;
}

Response& Response::With(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return {};
}

std::string_view Ctx::Param(std::string_view name) const {
  for (const auto& [n, v] : params_)
    if (n == name) return v;
  return {};
}

std::optional<std::string_view> Ctx::Query(std::string_view name) const {
  for (const auto& [n, v] : req_.query)
    if (n == name) return std::string_view(v);
  return std::nullopt;
}

json::object Ctx::Body() const {
  if (req_.body.empty()) throw Error::BadRequest("A JSON object body is required.", "invalid-json");
  return ParseJsonObject(req_.body);
}

std::optional<int64_t> Ctx::IfMatchVersion() const {
  std::string_view value = req_.Header("if-match");
  if (value.empty()) return std::nullopt;
  if (value.starts_with("W/")) value.remove_prefix(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  int64_t version = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (ec != std::errc() || end != value.data() + value.size() || version < 1)
    throw Error::BadRequest("If-Match must be a record version such as \"3\".");
  return version;
}

// ---- Router ------------------------------------------------------------------------

struct Router::Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;  // "{id}" marks a parameter
  Access access;
  Handler handler;
  bool raw_body = false;  // any content type: the handler reads the bytes itself
  size_t body_limit = 0;  // 0: the server's default
};

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// True when the path's parts fit the route's segments ("{name}" takes any non-empty part).
bool Fits(const std::vector<std::string>& segments, const std::vector<std::string_view>& parts) {
  if (segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = segments[i];
    bool is_param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    if (is_param ? parts[i].empty() : seg != parts[i]) return false;
  }
  return true;
}

bool IsWrite(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool IsJsonContentType(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower(type);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "application/json" || lower == "application/merge-patch+json";
}

Role RoleFor(Access access) {
  switch (access) {
    case Access::kAdmin: return Role::kAdmin;
    case Access::kManager: return Role::kManager;
    case Access::kAgent: return Role::kAgent;
    default: return Role::kViewer;
  }
}

}  // namespace

Router::Router() = default;
Router::~Router() = default;

void Router::Add(std::string method, std::string pattern, Access access, Handler handler, bool raw_body,
                 size_t body_limit) {
  auto route = std::make_unique<Route>();
  route->method = std::move(method);
  for (auto part : SplitPath(pattern)) route->segments.emplace_back(part);
  route->pattern = std::move(pattern);
  route->access = access;
  route->handler = std::move(handler);
  route->raw_body = raw_body;
  route->body_limit = body_limit;
  routes_.push_back(std::move(route));
}

size_t Router::BodyLimit(std::string_view method, std::string_view target) const {
  auto parts = SplitPath(target.substr(0, target.find('?')));
  for (const auto& route : routes_)
    if (route->method == method && Fits(route->segments, parts)) return route->body_limit;
  return 0;
}

size_t Router::MaxBodyLimit() const {
  size_t most = 0;
  for (const auto& route : routes_) most = std::max(most, route->body_limit);
  return most;
}

std::vector<std::string> Router::RouteList() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) out.push_back(r->method + " " + r->pattern);
  return out;
}


const Router::Route* Router::Match(const Request& req, std::vector<std::pair<std::string, std::string>>& params,
                                   std::vector<std::string>& allowed) const {
  auto parts = SplitPath(req.path);
  const Route* found = nullptr;
  for (const auto& route : routes_) {
    if (!Fits(route->segments, parts)) continue;
    bool method_ok = route->method == req.method || (req.method == "HEAD" && route->method == "GET");
    if (method_ok && !found) found = route.get();
    if (std::find(allowed.begin(), allowed.end(), route->method) == allowed.end()) allowed.push_back(route->method);
  }
  if (found) {
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = found->segments[i];
      if (seg.size() > 2 && seg.front() == '{') params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
    }
  }
  return found;
}

Response Router::Dispatch(const Request& req) const {
  Response res;
  try {
    res = Run(req);
  } catch (const Error& e) {
    if (e.status() >= 500) spdlog::error("request {} failed: {}", req.request_id, e.detail());
    res = ProblemResponse(e, req.request_id);
  } catch (const std::exception& e) {
    spdlog::error("request {} failed unexpectedly: {}", req.request_id, e.what());
    res = ProblemResponse(Error::Internal("The server could not complete the request (request id " +
                                          req.request_id + ")."),
                          req.request_id);
  }
  return res;
}

Response Router::Run(const Request& req) const {
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed;
  const Route* route = Match(req, params, allowed);
  if (!route) {
    if (!allowed.empty()) {
      std::string allow;
      for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      Error e(Error::Kind::kMethodNotAllowed, "method-not-allowed", req.method + " is not allowed here; use " + allow + ".");
      return ProblemResponse(e, req.request_id).With("Allow", allow);
    }
    if (fallback_ && (req.method == "GET" || req.method == "HEAD")) {
      if (auto res = fallback_(req)) return std::move(*res);
    }
    throw Error::NotFound("There is nothing at " + req.path.substr(0, 200) + ".");
  }

  std::optional<Principal> principal;
  if (route->access != Access::kPublic) {
    if (authenticate_) principal = authenticate_(req);
    if (!principal) throw Error::Unauthorized("Sign in first: send a session cookie or an Authorization: Bearer token.");
    if (principal->role < RoleFor(route->access))
      throw Error::Forbidden("Your role (" + std::string(RoleName(principal->role)) + ") may not do this.");
    if (principal->via_cookie && IsWrite(req.method) &&
        !SecretEquals(req.Header("x-csrf-token"), principal->csrf_token))
      throw Error::Forbidden("Send the X-CSRF-Token header given at sign-in with every change.", "csrf");
  }
  if (IsWrite(req.method) && !route->raw_body && !req.body.empty() && !IsJsonContentType(req.Header("content-type")))
    throw Error(Error::Kind::kUnsupportedMedia, "unsupported-media-type",
                "Send the body as application/json (or application/merge-patch+json for PATCH).");

  Ctx ctx(req, std::move(params), principal);
  std::string_view key = req.Header("idempotency-key");
  if (req.method != "POST" || key.empty() || !principal || !idempotency_) return route->handler(ctx);

  if (key.size() > 200) throw Error::BadRequest("Idempotency-Key must be at most 200 characters.");
  std::string request_hash = Sha256Hex(req.method + " " + req.target + "\n" + req.body);  // query included
  std::string key_text(key);
  if (auto replay = idempotency_->Claim(principal->user_id, key_text, request_hash)) return std::move(*replay);
  Response res;
  try {
    res = route->handler(ctx);
  } catch (const Error& e) {
    res = ProblemResponse(e, req.request_id);
  } catch (...) {
    idempotency_->Complete(principal->user_id, key_text, ProblemResponse(Error::Internal(""), ""));
    throw;
  }
  idempotency_->Complete(principal->user_id, key_text, res);
  return res;
}

}  // namespace hearth
