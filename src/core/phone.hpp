// Phone numbers: parsed with libphonenumber in any common notation and normalised to
// E.164 (+4741234567), so the same number written two ways is one number. A number
// without a country code is read in the default region (ISO 3166 code, e.g. "NO").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hearth {

// nullopt when the text is not a valid phone number.
std::optional<std::string> NormalizePhone(std::string_view text, std::string_view default_region);
bool IsKnownRegion(std::string_view region);

}  // namespace hearth
