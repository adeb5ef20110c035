// Request, Response and Ctx: what the application sees of HTTP. Plain structs with no
// Beast or Asio in sight, so handlers, services and tests build fast and run without a
// socket. The server (server.cpp) converts to and from Beast at its edge.
#pragma once

#include "auth/principal.hpp"
#include "core/json.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;   // upper case, e.g. "GET"
  std::string target;   // as sent: path and query
  std::string path;     // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  HeaderList headers;   // names in lower case
  std::string body;
  std::string request_id;
  std::string remote_address;

  std::string_view Header(std::string_view lower_name) const;
  // Splits target into path and query. Returns false when it cannot be decoded.
  bool ParseTarget();
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  HeaderList headers;
  std::string body;

  static Response Json(const json::value& value, int status = 200);
  static Response NoContent();
  // 201 with a Location header.
  static Response Created(const json::value& value, std::string location);
  Response& With(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;
};

// The request as a handler sees it: path parameters, query, body and the principal.
class Ctx {
 public:
  Ctx(const Request& req, std::vector<std::pair<std::string, std::string>> params,
      std::optional<Principal> principal)
      : req_(req), params_(std::move(params)), principal_(std::move(principal)) {}

  const Request& request() const { return req_; }
  std::string_view Param(std::string_view name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
  // The body as a JSON object; throws Error 400 when it is not one.
  json::object Body() const;
  // REQUIRES: the route is not public.
  const Principal& principal() const { return *principal_; }
  // The version an If-Match header demands, if any; throws 400 when malformed.
  std::optional<int64_t> IfMatchVersion() const;

 private:
  const Request& req_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::optional<Principal> principal_;
};

}  // namespace hearth
