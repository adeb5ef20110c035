// Reading a mailbox over IMAP with libcurl: the UIDs of unseen messages, one message's
// raw text, and marking a message seen once it has been taken in. The URL names the
// mailbox: imap://host:port/INBOX (imaps:// for TLS). Throws Error on any failure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

struct ImapMailbox {
  std::string url, username, password;
};

std::vector<int64_t> UnseenUids(const ImapMailbox& box);
std::string FetchMessage(const ImapMailbox& box, int64_t uid);
void MarkSeen(const ImapMailbox& box, int64_t uid);

}  // namespace hearth
