#include "core/text_fold.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace hearth {

namespace {

// ICU transliterators are not safe to share between threads: each thread clones its own.
icu::Transliterator& ThreadTransliterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower",
                                                        UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU transliterator unavailable");
  });
  thread_local std::unique_ptr<icu::Transliterator> mine(prototype->clone());
  return *mine;
}

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool IsPlainAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string IcuFold(std::string_view utf8) {
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  ThreadTransliterator().transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Latin letters (U+0000–U+024F) fold one by one, without context, so their folds are
// computed once through ICU itself and looked up afterwards: names like Øvrebø or
// Šuštar then cost a table lookup per letter instead of a trip through the
// transliterator, which matters when a million contacts are written.
constexpr char32_t kTableEnd = 0x250;

const std::vector<std::string>& LatinTable() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(kTableEnd);
    for (char32_t cp = 0; cp < kTableEnd; ++cp) {
      icu::UnicodeString one(static_cast<UChar32>(cp));
      std::string utf8;
      one.toUTF8String(utf8);
      t[cp] = cp < 0x80 ? utf8 : IcuFold(utf8);
    }
    return t;
  }();
  return table;
}

// Decodes utf8 into ASCII through the table; false when a character lies beyond it.
bool TableFold(std::string_view utf8, std::string& out) {
  const auto& table = LatinTable();
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      char32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      if (cp >= kTableEnd) return false;
      out += table[cp];
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FoldText(std::string_view utf8) {
  std::string ascii;
  ascii.reserve(utf8.size());
  if (IsPlainAscii(utf8)) ascii.assign(utf8);
  else if (!TableFold(utf8, ascii)) ascii = IcuFold(utf8);
  std::string out;
  out.reserve(ascii.size());
  for (char c : ascii) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (IsAsciiAlnum(c)) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> FoldWords(std::string_view utf8) {
  std::vector<std::string> words;
  std::string folded = FoldText(utf8);
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    words.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

}  // namespace hearth
