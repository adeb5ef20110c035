#include "core/markdown.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(MarkdownTest, EscapesEveryTagAndAttribute) {
  EXPECT_EQ(RenderMarkdown("<script>alert(1)</script>"), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  EXPECT_EQ(RenderMarkdown("a \"quote\" & 'x'"), "<p>a &quot;quote&quot; &amp; &#39;x&#39;</p>");
  EXPECT_EQ(RenderMarkdown("<img src=x onerror=alert(1)>"), "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
}

TEST(MarkdownTest, RendersTheCommonMarkup) {
  EXPECT_EQ(RenderMarkdown("**bold** and *em* and `a<b`"),
            "<p><strong>bold</strong> and <em>em</em> and <code>a&lt;b</code></p>");
  EXPECT_EQ(RenderMarkdown("one\ntwo\n\nthree"), "<p>one<br>two</p><p>three</p>");
  EXPECT_EQ(RenderMarkdown("- a\n- b\n1. c"), "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>");
  EXPECT_EQ(RenderMarkdown("# Title"), "<h3>Title</h3>");
}

TEST(MarkdownTest, KeepsOnlySafeLinks) {
  EXPECT_EQ(RenderMarkdown("[site](https://example.no)"),
            "<p><a href=\"https://example.no\" rel=\"noopener noreferrer nofollow\">site</a></p>");
  EXPECT_EQ(RenderMarkdown("[x](javascript:alert(1))"), "<p>[x](javascript:alert(1))</p>");
  EXPECT_EQ(RenderMarkdown("[x](https://a.no\" onclick=\"y)"), "<p>[x](https://a.no&quot; onclick=&quot;y)</p>");
}

TEST(MarkdownTest, UnclosedMarkersStayText) {
  EXPECT_EQ(RenderMarkdown("2 * 3 and `open"), "<p>2 * 3 and `open</p>");
  EXPECT_EQ(RenderMarkdown(""), "");
}

}  // namespace
}  // namespace hearth
