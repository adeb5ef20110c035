// Secrets: random tokens for sessions and API tokens, and their SHA-256 digests (the
// database keeps only digests, so a leaked table grants nothing). libsodium throughout.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

// Initialises libsodium; call once before any other function here. Throws on failure.
void InitCrypto();
// 32 random bytes as base64url (43 characters) with a readable prefix, e.g. "hs_…".
std::string NewSecretToken(std::string_view prefix);
// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);
// Constant-time comparison for secrets of equal length.
bool SecretEquals(std::string_view a, std::string_view b);

}  // namespace hearth
