// libFuzzer target: request bodies as the contact and company services read them —
// JSON parsing with its limits, then every validator a field can meet. Any crash,
// sanitizer report or exception other than Error is a bug.
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/validation.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hearth;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    json::object obj = ParseJsonObject(body);
    Validator v(obj, "items[0].");
    v.RejectUnknown({"first_name", "email", "phone", "kind", "birthday", "tags", "allow_duplicate", "domain"},
                    {"id", "version"});
    v.Text("first_name");
    v.Text("notes", 1000, true);
    v.Email("email");
    v.Phone("phone", "NO");
    v.Domain("domain");
    v.Enum("kind", {"customer", "prospect"});
    v.Date("birthday", true);
    v.Tags("tags");
    v.Bool("allow_duplicate");
    v.Finish();
  } catch (const Error&) {
    // The expected way to refuse input.
  }
  return 0;
}
