#include "http/problem.hpp"

namespace hearth {

Response ProblemResponse(const Error& error, std::string_view request_id) {
  json::object body;
  body["type"] = "/problems/" + error.slug();
  body["title"] = error.title();
  body["status"] = error.status();
  body["detail"] = error.detail();
  if (!request_id.empty()) body["request_id"] = request_id;
  if (!error.field_errors().empty()) {
    json::array errors;
    for (const auto& fe : error.field_errors()) errors.push_back(json::object{{"field", fe.field}, {"message", fe.message}});
    body["errors"] = std::move(errors);
  }
  for (const auto& kv : error.extra()) body[kv.key()] = kv.value();
  Response res = Response::Json(body, error.status());
  res.content_type = "application/problem+json";
  if (error.kind() == Error::Kind::kRateLimited)
    res.With("Retry-After", std::to_string(std::max(1, error.retry_after_seconds())));
  return res;
}

}  // namespace hearth
