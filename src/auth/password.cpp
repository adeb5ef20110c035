#include "auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace hearth {

namespace {
constexpr unsigned long long kOps = 2;
constexpr size_t kMemory = 19u * 1024 * 1024;
}  // namespace

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOps, kMemory, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void BurnPasswordCheck(std::string_view password) {
  static const std::string decoy_hash = HashPassword("no account has this password");
  VerifyPassword(password, decoy_hash);
}

}  // namespace hearth
