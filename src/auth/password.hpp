// Password hashing with argon2id (libsodium). Parameters follow OWASP's recommendation
// (t=2, m=19 MiB): slow enough to resist guessing, small enough that a burst of sign-ins
// does not exhaust memory. Hashes are self-describing strings, so parameters can change.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);
// Spends the time a verification would, for unknown accounts (no timing oracle).
void BurnPasswordCheck(std::string_view password);

}  // namespace hearth
