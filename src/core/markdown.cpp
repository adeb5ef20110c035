#include "core/markdown.hpp"

#include <vector>

namespace hearth {

namespace {

void Escape(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

bool SafeUrl(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:");
}

// Inline markup within one line: code spans first (their content is literal), then
// links, bold and italic. Unclosed markers stay as text.
void Inline(std::string_view s, std::string& out) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '`') {
      size_t end = s.find('`', i + 1);
      if (end != std::string_view::npos) {
        out += "<code>";
        Escape(s.substr(i + 1, end - i - 1), out);
        out += "</code>";
        i = end + 1;
        continue;
      }
    }
    if (c == '[') {
      size_t close = s.find("](", i + 1);
      size_t end = close == std::string_view::npos ? close : s.find(')', close + 2);
      if (end != std::string_view::npos) {
        std::string_view label = s.substr(i + 1, close - i - 1);
        std::string_view url = s.substr(close + 2, end - close - 2);
        if (SafeUrl(url) && url.find_first_of(" \t") == std::string_view::npos) {
          out += "<a href=\"";
          Escape(url, out);
          out += "\" rel=\"noopener noreferrer nofollow\">";
          Inline(label, out);
          out += "</a>";
          i = end + 1;
          continue;
        }
      }
    }
    if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("**", i + 2);
      if (end != std::string_view::npos && end > i + 2) {
        out += "<strong>";
        Inline(s.substr(i + 2, end - i - 2), out);
        out += "</strong>";
        i = end + 2;
        continue;
      }
    }
    if (c == '*' || c == '_') {
      size_t end = s.find(c, i + 1);
      if (end != std::string_view::npos && end > i + 1) {
        out += "<em>";
        Inline(s.substr(i + 1, end - i - 1), out);
        out += "</em>";
        i = end + 1;
        continue;
      }
    }
    Escape(s.substr(i, 1), out);
    ++i;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "1. text" → "text"; empty when the line is not an ordered list item.
std::string_view OrderedItem(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 9 && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == 0 || i + 1 >= line.size() || line[i] != '.' || line[i + 1] != ' ') return {};
  return line.substr(i + 2);
}

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    lines.push_back(markdown.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  std::string open;  // "p", "ul" or "ol": the block being written
  auto close = [&] {
    if (!open.empty()) out += "</" + open + ">";
    open.clear();
  };
  for (std::string_view raw : lines) {
    std::string_view line = Trim(raw);
    if (line.empty()) {
      close();
      continue;
    }
    if (line.starts_with("- ") || line.starts_with("* ")) {
      if (open != "ul") close(), out += "<ul>", open = "ul";
      out += "<li>";
      Inline(Trim(line.substr(2)), out);
      out += "</li>";
    } else if (auto item = OrderedItem(line); !item.empty()) {
      if (open != "ol") close(), out += "<ol>", open = "ol";
      out += "<li>";
      Inline(Trim(item), out);
      out += "</li>";
    } else if (line.starts_with('#')) {
      size_t level = line.find_first_not_of('#');
      if (level != std::string_view::npos && level <= 3 && line[level] == ' ') {
        close();
        std::string tag = "h" + std::to_string(level + 2);  // h3…h5: notes sit inside a page
        out += "<" + tag + ">";
        Inline(Trim(line.substr(level + 1)), out);
        out += "</" + tag + ">";
        continue;
      }
      if (open != "p") close(), out += "<p>", open = "p";
      else out += "<br>";
      Inline(line, out);
    } else {
      if (open != "p") close(), out += "<p>", open = "p";
      else out += "<br>";
      Inline(line, out);
    }
  }
  close();
  return out;
}

}  // namespace hearth
