// Error is the one error type of Hearth: a kind (which fixes the HTTP status and title),
// a stable kebab-case slug (never renamed once shipped), a human detail with no SQL or
// driver text, optional field errors and extra members. Services throw it to end a
// request; http/problem.cpp is the one place that turns it into problem+json.
#pragma once

#include <boost/json/object.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace hearth {

struct FieldError {
  std::string field;
  std::string message;
};

class Error : public std::runtime_error {
 public:
  enum class Kind {
    kBadRequest,          // 400
    kUnauthorized,        // 401
    kForbidden,           // 403
    kNotFound,            // 404
    kMethodNotAllowed,    // 405
    kConflict,            // 409
    kPreconditionFailed,  // 412
    kPayloadTooLarge,     // 413
    kUnsupportedMedia,    // 415
    kInvalid,             // 422
    kHeaderTooLarge,      // 431
    kRateLimited,         // 429
    kInternal,            // 500
    kUnavailable,         // 503
  };

  Error(Kind kind, std::string slug, std::string detail);

  static Error BadRequest(std::string detail, std::string slug = "bad-request");
  static Error Unauthorized(std::string detail);
  static Error Forbidden(std::string detail, std::string slug = "forbidden");
  static Error NotFound(std::string detail);
  static Error Conflict(std::string slug, std::string detail);
  static Error PreconditionFailed(std::string detail);
  static Error Invalid(std::vector<FieldError> errors, std::string detail = "Some fields are invalid.");
  static Error RateLimited(std::string detail, int retry_after_seconds);
  static Error Internal(std::string detail);
  static Error Unavailable(std::string detail);

  Kind kind() const { return kind_; }
  int status() const;
  const char* title() const;
  const std::string& slug() const { return slug_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& field_errors() const { return field_errors_; }
  // Extra problem members, e.g. existing_id on a duplicate, current_version on 412.
  const boost::json::object& extra() const { return extra_; }
  int retry_after_seconds() const { return retry_after_; }

  Error& With(std::string_view key, boost::json::value value);
  Error& WithFieldErrors(std::vector<FieldError> errors);
  // Puts `prefix` before every field path, e.g. "interaction." for a nested object.
  Error& PrefixFields(std::string_view prefix) {
    for (auto& e : field_errors_) e.field = std::string(prefix) + e.field;
    return *this;
  }

 private:
  Kind kind_;
  std::string slug_;
  std::string detail_;
  std::vector<FieldError> field_errors_;
  boost::json::object extra_;
  int retry_after_ = 0;
};

}  // namespace hearth
