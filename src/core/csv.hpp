// CsvReader reads RFC 4180 text record by record: fields separated by commas, records
// by CRLF or LF, quoted fields with "" for a quote and line breaks inside. A UTF-8 byte
// order mark at the start is skipped. It reads a view of the caller's text (which must
// outlive it) without copying the whole file; a malformed quote is an Error 422 naming
// the line, since a file cut in the middle of a quote would silently merge records.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Reads the next record into fields; false at the end of the text. Blank lines are
  // skipped. Throws Error 422 (`csv`) for a quote that is not closed or is followed by
  // anything but a separator.
  bool Next(std::vector<std::string>& fields);
  // The line (1-based) on which the record last returned by Next starts.
  size_t line() const { return record_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
};

}  // namespace hearth
