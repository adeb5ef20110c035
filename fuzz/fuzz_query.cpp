// libFuzzer target: request targets (path and query string) as the router decodes them,
// cursors as lists decode them, and the text folding that `q` goes through.
#include "core/cursor.hpp"
#include "core/error.hpp"
#include "core/text_fold.hpp"
#include "core/validation.hpp"
#include "http/request.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hearth;
  Request req;
  req.target.assign(reinterpret_cast<const char*>(data), size);
  if (!req.ParseTarget()) return 0;
  for (const auto& [name, value] : req.query) {
    try {
      if (name == "cursor") DecodeCursor(value, "-name");
    } catch (const Error&) {
    }
    if (!IsValidUtf8(value)) __builtin_trap();  // ParseTarget must have refused it
    FoldWords(value);
  }
  return 0;
}
