// Folding text for search and sorting: Unicode to lower-case ASCII (ICU
// `Any-Latin; Latin-ASCII; Lower`: Øvrebø → ovrebo, Søren → soren, Šuštar → sustar),
// then every run of non-alphanumerics becomes one space. Stored in `search` columns and
// applied to queries the same way, so matching is case- and accent-insensitive and
// LIKE/FTS special characters never reach SQL. Safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth {

std::string FoldText(std::string_view utf8);
// The words of a folded text.
std::vector<std::string> FoldWords(std::string_view utf8);

}  // namespace hearth
