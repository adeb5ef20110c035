// Validator reads the fields of a JSON request body, normalises them and collects every
// field error before failing, so a client sees all its mistakes at once. Each getter
// returns a Field: absent (not in the body), null (explicitly cleared) or a value — the
// three cases JSON merge patch needs. Call Finish() to throw Error 422 if anything failed.
#pragma once

#include "core/error.hpp"
#include "core/json.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

template <class T>
struct Field {
  bool present = false;     // the key was in the body
  std::optional<T> value;   // nullopt with present=true means "clear"
  bool is_set() const { return present && value.has_value(); }
};

// Merge patch: a field in the body (a value, or null to clear) replaces target; an absent
// field leaves it as it was.
template <class T>
void Assign(const Field<T>& f, std::optional<T>& target) {
  if (f.present) target = f.value;
}

// True for a plausible address: one @, a non-empty local part, a dotted domain of
// letters/digits/hyphens, no spaces or control characters, at most 254 bytes.
bool IsValidEmail(std::string_view email);
// True when s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view s);
// True for a host name such as example.no (lower-case letters, digits, hyphens, dots).
bool IsValidDomain(std::string_view domain);

class Validator {
 public:
  // `prefix` is put before field names in errors, e.g. "items[3]." in a batch.
  explicit Validator(const json::object& body, std::string prefix = "");

  // Trimmed single-line text of at most max_chars characters; "" counts as null.
  Field<std::string> Text(std::string_view name, size_t max_chars = 200, bool multiline = false);
  Field<std::string> Email(std::string_view name);
  Field<std::string> Phone(std::string_view name, std::string_view default_region);
  Field<std::string> Domain(std::string_view name);
  Field<std::string> Enum(std::string_view name, std::initializer_list<std::string_view> allowed);
  // YYYY-MM-DD; with not_future, a date after today (UTC) is an error.
  Field<std::string> Date(std::string_view name, bool not_future);
  Field<std::string> Id(std::string_view name);
  // An ISO 4217 code Hearth knows (core/money), three capital letters such as NOK.
  Field<std::string> Currency(std::string_view name);
  Field<bool> Bool(std::string_view name);
  // A whole number from min to max.
  Field<int64_t> Int(std::string_view name, int64_t min, int64_t max);
  // An RFC 3339 time (Z or an offset), normalised to UTC with milliseconds.
  Field<std::string> Time(std::string_view name);
  Field<std::vector<std::string>> Tags(std::string_view name, size_t max_tags = 50, size_t max_chars = 50);

  // Reports every key not in `known` (read-only fields listed in `ignored` pass silently).
  void RejectUnknown(std::initializer_list<std::string_view> known,
                     std::initializer_list<std::string_view> ignored = {});
  void Add(std::string_view name, std::string message);
  // Demands that a field be present and non-null (on create).
  template <class T>
  void Require(std::string_view name, const Field<T>& f) {
    if (!f.is_set() && !HasError(name)) Add(name, "is required");
  }
  bool HasError(std::string_view name) const;

  std::vector<FieldError>& errors() { return errors_; }
  void Finish();  // throws Error::Invalid when any error was collected

  static constexpr size_t kMaxErrors = 100;  // listed at most; one more line says there are more

 private:
  const json::value* Lookup(std::string_view name, bool& present);
  std::string Path(std::string_view name) const;

  const json::object& body_;
  std::string prefix_;
  std::vector<FieldError> errors_;
};

}  // namespace hearth
