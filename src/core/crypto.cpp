#include "core/crypto.hpp"

#include "core/cursor.hpp"

#include <sodium.h>

#include <stdexcept>

namespace hearth {

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string NewSecretToken(std::string_view prefix) {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return std::string(prefix) + Base64UrlEncode(std::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool SecretEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hearth
