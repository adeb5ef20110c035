#include "core/validation.hpp"

#include "core/money.hpp"
#include "core/phone.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <cmath>

namespace hearth {

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

size_t CountChars(std::string_view utf8) {
  return std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

bool HasControl(std::string_view s, bool multiline) {
  for (unsigned char c : s) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool IsDomainLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool IsValidDomain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.find('.') == std::string_view::npos) return false;
  size_t label = 0;
  for (size_t i = 0; i <= d.size(); ++i) {
    if (i == d.size() || d[i] == '.') {
      if (label == 0 || label > 63 || d[i - 1] == '-' || d[i - label] == '-') return false;
      label = 0;
    } else if (IsDomainLabelChar(d[i])) {
      ++label;
    } else {
      return false;
    }
  }
  return true;
}

bool IsValidEmail(std::string_view e) {
  if (e.size() > 254) return false;
  size_t at = e.find('@');
  if (at == 0 || at == std::string_view::npos || e.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view local = e.substr(0, at);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  for (unsigned char c : local) {
    if (c <= 0x20 || c == 0x7f || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' ||
        c == '<' || c == '>' || c == '[' || c == ']' || c == '\\' || c == '"')
      return false;
  }
  return IsValidDomain(e.substr(at + 1));
}

Validator::Validator(const json::object& body, std::string prefix)
    : body_(body), prefix_(std::move(prefix)) {}

std::string Validator::Path(std::string_view name) const { return prefix_ + std::string(name); }

void Validator::Add(std::string_view name, std::string message) {
  // A hostile body can hold millions of bad members: report the first ones only, so the
  // answer (and the memory to build it) stays small.
  if (errors_.size() >= kMaxErrors) {
    if (errors_.size() == kMaxErrors) errors_.push_back({"", "… and more errors not listed"});
    return;
  }
  errors_.push_back({Path(name), std::move(message)});
}

bool Validator::HasError(std::string_view name) const {
  std::string path = Path(name);
  return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == path; });
}

const json::value* Validator::Lookup(std::string_view name, bool& present) {
  auto it = body_.find(name);
  present = it != body_.end();
  if (!present || it->value().is_null()) return nullptr;
  return &it->value();
}

Field<std::string> Validator::Text(std::string_view name, size_t max_chars, bool multiline) {
  Field<std::string> f;
  const json::value* v = Lookup(name, f.present);
  if (!v) return f;
  if (!v->is_string()) {
    Add(name, "must be a string");
    return f;
  }
  std::string s = Trim(std::string_view(v->as_string()));
  if (HasControl(s, multiline)) {
    Add(name, "must not contain control characters");
  } else if (CountChars(s) > max_chars) {
    Add(name, "must be at most " + std::to_string(max_chars) + " characters");
  } else if (!s.empty()) {
    f.value = std::move(s);
  }
  return f;
}

Field<std::string> Validator::Email(std::string_view name) {
  Field<std::string> f = Text(name, 254);
  if (f.is_set() && !IsValidEmail(*f.value)) {
    Add(name, "is not a valid email address");
    f.value.reset();
  }
  return f;
}

Field<std::string> Validator::Phone(std::string_view name, std::string_view region) {
  Field<std::string> f = Text(name, 40);
  if (f.is_set()) {
    auto e164 = NormalizePhone(*f.value, region);
    if (!e164) {
      Add(name, "is not a valid phone number");
      f.value.reset();
    } else {
      f.value = std::move(*e164);
    }
  }
  return f;
}

Field<std::string> Validator::Domain(std::string_view name) {
  Field<std::string> f = Text(name, 253);
  if (f.is_set()) {
    std::string lower = *f.value;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!IsValidDomain(lower)) {
      Add(name, "is not a valid domain name (like example.com)");
      f.value.reset();
    } else {
      f.value = std::move(lower);
    }
  }
  return f;
}

Field<std::string> Validator::Enum(std::string_view name, std::initializer_list<std::string_view> allowed) {
  Field<std::string> f = Text(name, 100);
  if (f.is_set() && std::find(allowed.begin(), allowed.end(), *f.value) == allowed.end()) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    Add(name, "must be one of: " + list);
    f.value.reset();
  }
  return f;
}

Field<std::string> Validator::Currency(std::string_view name) {
  Field<std::string> f = Text(name, 3);
  if (f.is_set() && !IsKnownCurrency(*f.value)) {
    Add(name, "must be an ISO 4217 currency code in capitals, such as NOK or EUR");
    f.value.reset();
  }
  return f;
}

Field<std::string> Validator::Date(std::string_view name, bool not_future) {
  Field<std::string> f = Text(name, 10);
  if (f.is_set()) {
    if (!IsValidDate(*f.value)) {
      Add(name, "must be a date as YYYY-MM-DD");
      f.value.reset();
    } else if (not_future && *f.value > TodayText()) {
      Add(name, "must not be in the future");
      f.value.reset();
    }
  }
  return f;
}

Field<std::string> Validator::Id(std::string_view name) {
  Field<std::string> f = Text(name, 64);
  return f;
}

Field<int64_t> Validator::Int(std::string_view name, int64_t min, int64_t max) {
  Field<int64_t> f;
  const json::value* v = Lookup(name, f.present);
  if (!v) return f;
  std::optional<int64_t> n;
  if (v->is_int64()) n = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(max)) n = static_cast<int64_t>(v->as_uint64());
  else if (v->is_double() && v->as_double() == static_cast<double>(static_cast<int64_t>(v->as_double())) &&
           std::abs(v->as_double()) < 1e15)
    n = static_cast<int64_t>(v->as_double());
  if (!n || *n < min || *n > max) {
    Add(name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return f;
  }
  f.value = n;
  return f;
}

Field<std::string> Validator::Time(std::string_view name) {
  Field<std::string> f = Text(name, 40);
  if (f.is_set()) {
    auto t = ParseTime(*f.value);
    if (!t) {
      Add(name, "must be a time as RFC 3339, e.g. 2026-11-28T14:30:00Z");
      f.value.reset();
    } else {
      f.value = FormatTime(*t);
    }
  }
  return f;
}

Field<bool> Validator::Bool(std::string_view name) {
  Field<bool> f;
  const json::value* v = Lookup(name, f.present);
  if (!v) return f;
  if (!v->is_bool()) {
    Add(name, "must be true or false");
    return f;
  }
  f.value = v->as_bool();
  return f;
}

Field<std::vector<std::string>> Validator::Tags(std::string_view name, size_t max_tags, size_t max_chars) {
  Field<std::vector<std::string>> f;
  const json::value* v = Lookup(name, f.present);
  if (!v) return f;
  if (!v->is_array()) {
    Add(name, "must be an array of strings");
    return f;
  }
  const json::array& arr = v->as_array();
  if (arr.size() > max_tags) {  // refuse before looking at each: the check below is quadratic
    Add(name, "may hold at most " + std::to_string(max_tags) + " tags");
    return f;
  }
  std::vector<std::string> tags;
  bool ok = true;
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string item_name = std::string(name) + "[" + std::to_string(i) + "]";
    if (!arr[i].is_string()) {
      Add(item_name, "must be a string");
      ok = false;
      continue;
    }
    std::string tag = Trim(std::string_view(arr[i].as_string()));
    if (tag.empty() || CountChars(tag) > max_chars || HasControl(tag, false)) {
      Add(item_name, "must be 1 to " + std::to_string(max_chars) + " characters without control characters");
      ok = false;
      continue;
    }
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
  }
  if (ok) f.value = std::move(tags);
  return f;
}

void Validator::RejectUnknown(std::initializer_list<std::string_view> known,
                              std::initializer_list<std::string_view> ignored) {
  for (const auto& kv : body_) {
    if (errors_.size() > kMaxErrors) break;
    std::string_view key = kv.key();
    bool listed = std::find(known.begin(), known.end(), key) != known.end() ||
                  std::find(ignored.begin(), ignored.end(), key) != ignored.end();
    if (!listed) Add(key.substr(0, 100), "is not a known field");
  }
}

void Validator::Finish() {
  if (!errors_.empty()) throw Error::Invalid(errors_);
}

}  // namespace hearth
