#include "jobs/smtp_client.hpp"

#include "jobs/curl_handle.hpp"

#include <cstring>

namespace hearth {

namespace {

struct Upload {
  const std::string& data;
  size_t sent = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->data.size() - up->sent);
  std::memcpy(buffer, up->data.data() + up->sent, n);
  up->sent += n;
  return n;
}

}  // namespace

void SendSmtp(const SmtpServer& server, const std::string& from_address, const std::string& to_address,
              const std::string& message) {
  CurlHandle curl(server.url, server.username, server.password);
  std::string from = "<" + from_address + ">";
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to_address + ">").c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpt);
  Upload up{message};
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &up);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  try {
    curl.Perform("Sending email to " + to_address);
  } catch (...) {
    curl_slist_free_all(rcpt);
    throw;
  }
  curl_slist_free_all(rcpt);
}

}  // namespace hearth
