#include "jobs/email_message.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(EmailMessageTest, ReadsEncodedHeadersAndQuotedPrintableBody) {
  std::string raw =
      "From: =?UTF-8?Q?=C3=98yvind_Bj=C3=B8rnstad?= <Oyvind@Example.NO>\r\n"
      "Subject: =?UTF-8?B?w5hkZWxhZ3QgdmFmZmVs?= =?UTF-8?B?amVybg==?=\r\n"
      "Message-ID: <abc@example.no>\r\n"
      "In-Reply-To: <first@hearth.test>\r\n"
      "References: <root@x> <first@hearth.test>\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Vaffeljernet er =C3=B8delagt, og det er lang=\r\n"
      "t tekst.\r\n";
  ParsedEmail e = ParseEmail(raw);
  EXPECT_EQ(e.from_address, "oyvind@example.no");
  EXPECT_EQ(e.from_name, "Øyvind Bjørnstad");
  EXPECT_EQ(e.subject, "Ødelagt vaffeljern");
  EXPECT_EQ(e.message_id, "<abc@example.no>");
  EXPECT_EQ(e.in_reply_to, "<first@hearth.test>");
  ASSERT_EQ(e.references.size(), 2u);
  EXPECT_EQ(e.text, "Vaffeljernet er ødelagt, og det er langt tekst.");
}

TEST(EmailMessageTest, TakesThePlainPartAndTheAttachmentsOfAMultipart) {
  std::string raw =
      "From: ann@example.com\r\n"
      "Subject: Receipt\r\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
      "\r\n"
      "--outer\r\n"
      "Content-Type: multipart/alternative; boundary=inner\r\n"
      "\r\n"
      "--inner\r\n"
      "Content-Type: text/plain; charset=iso-8859-1\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Kvittering f=F8lger\r\n"
      "--inner\r\n"
      "Content-Type: text/html\r\n"
      "\r\n"
      "<p>Kvittering</p>\r\n"
      "--inner--\r\n"
      "--outer\r\n"
      "Content-Type: application/pdf; name=\"kvittering.pdf\"\r\n"
      "Content-Disposition: attachment; filename=\"kvittering.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "\r\n"
      "JVBERi0xLjQK\r\n"
      "--outer--\r\n";
  ParsedEmail e = ParseEmail(raw);
  EXPECT_EQ(e.text, "Kvittering følger");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].filename, "kvittering.pdf");
  EXPECT_EQ(e.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(e.attachments[0].bytes, "%PDF-1.4\n");
  EXPECT_EQ(e.message_id.substr(0, 1), "<");  // derived when missing
}

TEST(EmailMessageTest, MalformedInputNeverThrows) {
  for (std::string raw : {std::string(""), std::string("no headers at all"), std::string("Content-Type: multipart/mixed\r\n\r\n--x"),
                          std::string("Subject: =?UTF-8?B?!!!?=\r\n\r\n\xff\xfe body")}) {
    ParsedEmail e = ParseEmail(raw);
    EXPECT_TRUE(e.from_address.empty() || !e.from_address.empty());
  }
  ParsedEmail bad = ParseEmail("From: x@y\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok \xff end");
  EXPECT_EQ(bad.text, "ok \xEF\xBF\xBD end");
}

TEST(EmailMessageTest, ComposesThreadedUtf8Mail) {
  ComposedEmail m;
  m.from_address = "support@hearth.test";
  m.from_name = "Kundeservice Ø";
  m.to = "ola@example.no";
  m.subject = "[Case #7] Ødelagt";
  m.text = "Hei Ola,\nvi har sendt en ny.";
  m.message_id = "<r1@hearth.test>";
  m.in_reply_to = "<first@example.no>";
  m.references = "<first@example.no>";
  std::string raw = ComposeEmail(m);
  EXPECT_NE(raw.find("In-Reply-To: <first@example.no>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Message-ID: <r1@hearth.test>\r\n"), std::string::npos);
  EXPECT_EQ(raw.find("Auto-Submitted"), std::string::npos);
  ParsedEmail back = ParseEmail(raw);
  EXPECT_EQ(back.subject, "[Case #7] Ødelagt");
  EXPECT_EQ(back.from_name, "Kundeservice Ø");
  EXPECT_EQ(back.text, "Hei Ola,\nvi har sendt en ny.");
}

}  // namespace
}  // namespace hearth
