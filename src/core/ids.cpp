#include "core/ids.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>

namespace hearth {

std::string NewId(std::string_view prefix) {
  static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
  uint64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  unsigned char random[10];
  randombytes_buf(random, sizeof random);
  // 128 bits: 48 time + 80 random, written as 26 base32 digits (130 bits, top 2 zero).
  unsigned char bytes[16];
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  for (int i = 0; i < 10; ++i) bytes[6 + i] = random[i];
  std::string out(prefix);
  out += '_';
  int bit = -2;  // start two bits before the first byte so 26 digits cover 128 bits
  for (int digit = 0; digit < 26; ++digit, bit += 5) {
    unsigned value = 0;
    for (int b = bit; b < bit + 5; ++b) {
      value <<= 1;
      if (b >= 0) value |= (bytes[b / 8] >> (7 - b % 8)) & 1u;
    }
    out += kAlphabet[value];
  }
  return out;
}

}  // namespace hearth
