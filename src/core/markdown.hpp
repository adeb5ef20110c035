// A small, safe Markdown renderer for notes: paragraphs, line breaks, "- " and "1. "
// lists, "# " headings, **bold**, *italic*, `code` and [links](https://…). Every other
// character is HTML-escaped, so no markup or script in a note ever reaches a browser;
// links keep only http, https and mailto targets.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

std::string RenderMarkdown(std::string_view markdown);

}  // namespace hearth
