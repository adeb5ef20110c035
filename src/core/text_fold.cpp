#include "core/text_fold.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <stdexcept>

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

}  // namespace

std::string FoldText(std::string_view utf8) {
  std::string ascii;
  if (IsPlainAscii(utf8)) {  // the common case skips ICU entirely
    ascii.reserve(utf8.size());
    for (char c : utf8) ascii += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  } else {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    ThreadTransliterator().transliterate(text);
    text.toUTF8String(ascii);
  }
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
