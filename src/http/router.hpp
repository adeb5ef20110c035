// Router maps METHOD + path pattern (`/api/v1/contacts/{id}`) to a handler and declares
// who may call it. Dispatch is the only try/catch on a request's path: it authenticates,
// checks the role, CSRF and content type, applies idempotency keys, runs the handler and
// turns any Error into problem+json. It never throws. Routes are registered at start-up;
// Dispatch is then safe from any thread.
#pragma once

#include "http/request.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hearth {

// The least a caller needs: public, or a signed-in staff user of at least this role.
enum class Access { kPublic, kViewer, kAgent, kManager, kAdmin };

using Handler = std::function<Response(Ctx&)>;
using Authenticator = std::function<std::optional<Principal>(const Request&)>;
// Answers requests no route matched (the web app's files); nullopt means 404.
using Fallback = std::function<std::optional<Response>(const Request&)>;

class IdempotencyStore;

class Router {
 public:
  Router();
  ~Router();

  // `body_limit` in bytes, 0 for the server's default (ServerOptions::body_limit).
  void Add(std::string method, std::string pattern, Access access, Handler handler, bool raw_body = false,
           size_t body_limit = 0);
  // A POST whose body is a file of any content type (e.g. an attachment), not JSON; an
  // import may allow a body larger than the server's default.
  void PostFile(std::string pattern, Access access, Handler h, size_t body_limit = 0) {
    Add("POST", std::move(pattern), access, std::move(h), true, body_limit);
  }
  void Get(std::string pattern, Access access, Handler h) { Add("GET", std::move(pattern), access, std::move(h)); }
  void Post(std::string pattern, Access access, Handler h) { Add("POST", std::move(pattern), access, std::move(h)); }
  void Put(std::string pattern, Access access, Handler h) { Add("PUT", std::move(pattern), access, std::move(h)); }
  void Patch(std::string pattern, Access access, Handler h) { Add("PATCH", std::move(pattern), access, std::move(h)); }
  void Delete(std::string pattern, Access access, Handler h) { Add("DELETE", std::move(pattern), access, std::move(h)); }

  void SetAuthenticator(Authenticator a) { authenticate_ = std::move(a); }
  void SetFallback(Fallback f) { fallback_ = std::move(f); }
  void SetIdempotencyStore(IdempotencyStore* store) { idempotency_ = store; }

  Response Dispatch(const Request& req) const;
  // The body limit of the route a request line names (0: the server's default), and the
  // largest of any route: the server reads headers with the largest, then holds the
  // body to its route's.
  size_t BodyLimit(std::string_view method, std::string_view target) const;
  size_t MaxBodyLimit() const;
  // "METHOD /pattern" for every route, in registration order.
  std::vector<std::string> RouteList() const;

 private:
  struct Route;
  Response Run(const Request& req) const;
  const Route* Match(const Request& req, std::vector<std::pair<std::string, std::string>>& params,
                     std::vector<std::string>& allowed) const;

  std::vector<std::unique_ptr<Route>> routes_;
  Authenticator authenticate_;
  Fallback fallback_;
  IdempotencyStore* idempotency_ = nullptr;
};

}  // namespace hearth
