// Record ids: a type prefix and 26 characters of Crockford base32 holding a millisecond
// timestamp and 80 random bits (ULID layout), e.g. `con_01jd3x...`. Clients treat them as
// opaque; time order keeps index inserts local.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

std::string NewId(std::string_view prefix);

}  // namespace hearth
