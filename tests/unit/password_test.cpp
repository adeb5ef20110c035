#include "auth/password.hpp"
#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(PasswordTest, HashesWithArgon2idAndVerifies) {
  InitCrypto();
  std::string hash = HashPassword("correct-horse-1");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("correct-horse-1", hash));
  EXPECT_FALSE(VerifyPassword("correct-horse-2", hash));
  EXPECT_NE(HashPassword("correct-horse-1"), hash) << "salted";
}

TEST(CryptoTest, TokensAreRandomAndDigestsStable) {
  InitCrypto();
  EXPECT_NE(NewSecretToken("t_"), NewSecretToken("t_"));
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace hearth
