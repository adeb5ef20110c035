// Reading a mailbox over IMAP with libcurl: the UIDs of unseen messages, one message's
// raw text, and marking a message seen (or unseen again). The URL names the
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
// Fetching marks a message seen (libcurl fetches BODY[]); this undoes it when the
// message could not be stored, so the next poll tries again.
void MarkUnseen(const ImapMailbox& box, int64_t uid);

}  // namespace hearth
