#include "core/phone.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <set>

namespace hearth {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::optional<std::string> NormalizePhone(std::string_view text, std::string_view default_region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(text), std::string(default_region), &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return std::nullopt;
  if (!util.IsValidNumber(number)) return std::nullopt;
  std::string out;
  util.Format(number, PhoneNumberUtil::E164, &out);
  return out;
}

bool IsKnownRegion(std::string_view region) {
  std::set<std::string> regions;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  return regions.count(std::string(region)) > 0;
}

}  // namespace hearth
