#include "jobs/imap_client.hpp"

#include "jobs/curl_handle.hpp"

#include <sstream>

namespace hearth {

namespace {

std::string MailboxUrl(const ImapMailbox& box) {
  std::string url = box.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::vector<int64_t> UnseenUids(const ImapMailbox& box) {
  CurlHandle curl(MailboxUrl(box), box.username, box.password);
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, "UID SEARCH UNSEEN");
  curl.Perform("Searching the mailbox");
  // The untagged answer: "* SEARCH 4 7 9"
  std::vector<int64_t> uids;
  std::istringstream lines(curl.response());
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    int64_t uid;
    while (words >> uid) uids.push_back(uid);
  }
  return uids;
}

std::string FetchMessage(const ImapMailbox& box, int64_t uid) {
  CurlHandle curl(MailboxUrl(box) + "/;UID=" + std::to_string(uid), box.username, box.password);
  curl.Perform("Fetching message " + std::to_string(uid));
  return curl.response();
}

namespace {

void StoreSeenFlag(const ImapMailbox& box, int64_t uid, bool seen) {
  CurlHandle curl(MailboxUrl(box), box.username, box.password);
  std::string command = "UID STORE " + std::to_string(uid) + (seen ? " +" : " -") + "FLAGS.SILENT (\\Seen)";
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, command.c_str());
  curl.Perform("Flagging message " + std::to_string(uid));
}

}  // namespace

void MarkSeen(const ImapMailbox& box, int64_t uid) { StoreSeenFlag(box, uid, true); }
void MarkUnseen(const ImapMailbox& box, int64_t uid) { StoreSeenFlag(box, uid, false); }

}  // namespace hearth
