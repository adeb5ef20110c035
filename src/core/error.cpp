#include "core/error.hpp"

namespace hearth {

namespace {

struct KindInfo {
  int status;
  const char* title;
};

// The one table that maps error kinds to HTTP statuses and titles.
KindInfo Info(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::kBadRequest: return {400, "Bad request"};
    case Error::Kind::kUnauthorized: return {401, "Not signed in"};
    case Error::Kind::kForbidden: return {403, "Not allowed"};
    case Error::Kind::kNotFound: return {404, "Not found"};
    case Error::Kind::kMethodNotAllowed: return {405, "Method not allowed"};
    case Error::Kind::kConflict: return {409, "Conflict"};
    case Error::Kind::kPreconditionFailed: return {412, "Precondition failed"};
    case Error::Kind::kPayloadTooLarge: return {413, "Payload too large"};
    case Error::Kind::kUnsupportedMedia: return {415, "Unsupported media type"};
    case Error::Kind::kInvalid: return {422, "Invalid fields"};
    case Error::Kind::kHeaderTooLarge: return {431, "Request header fields too large"};
    case Error::Kind::kRateLimited: return {429, "Too many requests"};
    case Error::Kind::kInternal: return {500, "Internal server error"};
    case Error::Kind::kUnavailable: return {503, "Service unavailable"};
  }
  return {500, "Internal server error"};
}

}  // namespace

Error::Error(Kind kind, std::string slug, std::string detail)
    : std::runtime_error(detail), kind_(kind), slug_(std::move(slug)), detail_(std::move(detail)) {}

int Error::status() const { return Info(kind_).status; }
const char* Error::title() const { return Info(kind_).title; }

Error Error::BadRequest(std::string detail, std::string slug) {
  return Error(Kind::kBadRequest, std::move(slug), std::move(detail));
}
Error Error::Unauthorized(std::string detail) {
  return Error(Kind::kUnauthorized, "unauthorized", std::move(detail));
}
Error Error::Forbidden(std::string detail, std::string slug) {
  return Error(Kind::kForbidden, std::move(slug), std::move(detail));
}
Error Error::NotFound(std::string detail) { return Error(Kind::kNotFound, "not-found", std::move(detail)); }
Error Error::Conflict(std::string slug, std::string detail) {
  return Error(Kind::kConflict, std::move(slug), std::move(detail));
}
Error Error::PreconditionFailed(std::string detail) {
  return Error(Kind::kPreconditionFailed, "precondition-failed", std::move(detail));
}
Error Error::Invalid(std::vector<FieldError> errors, std::string detail) {
  Error e(Kind::kInvalid, "validation", std::move(detail));
  e.field_errors_ = std::move(errors);
  return e;
}
Error Error::RateLimited(std::string detail, int retry_after_seconds) {
  Error e(Kind::kRateLimited, "rate-limited", std::move(detail));
  e.retry_after_ = retry_after_seconds;
  return e;
}
Error Error::Internal(std::string detail) { return Error(Kind::kInternal, "internal", std::move(detail)); }
Error Error::Unavailable(std::string detail) {
  return Error(Kind::kUnavailable, "unavailable", std::move(detail));
}

Error& Error::With(std::string_view key, boost::json::value value) {
  extra_[key] = std::move(value);
  return *this;
}

Error& Error::WithFieldErrors(std::vector<FieldError> errors) {
  field_errors_ = std::move(errors);
  return *this;
}

}  // namespace hearth
