#include "core/csv.hpp"

#include "core/error.hpp"

namespace hearth {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

namespace {

Error Malformed(size_t line, std::string message) {
  return Error::Invalid({{"body", "line " + std::to_string(line) + ": " + message}},
                        "The file is not valid CSV (RFC 4180).");
}

}  // namespace

bool CsvReader::Next(std::vector<std::string>& fields) {
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  fields.clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  for (;;) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      for (;;) {
        size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) throw Malformed(record_line_, "a quoted field is not closed");
        std::string_view part = text_.substr(pos_, quote - pos_);
        for (char c : part)
          if (c == '\n') ++line_;
        field.append(part);
        pos_ = quote + 1;
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        throw Malformed(line_, "a closing quote must be followed by a comma or the end of the line");
    } else {
      size_t end = text_.find_first_of(",\r\n", pos_);
      if (end == std::string_view::npos) end = text_.size();
      field.append(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    fields.push_back(std::move(field));
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    // End of the record: CRLF, LF, a lone CR, or the end of the text.
    if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_, ++line_;
    return true;
  }
}

}  // namespace hearth
