// A libcurl easy handle with the settings every mail transfer shares (timeouts, no
// signals, credentials) and a response buffer; for the SMTP and IMAP clients only.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace hearth {

class CurlHandle {
 public:
  CurlHandle(const std::string& url, const std::string& username, const std::string& password);
  ~CurlHandle();
  CURL* get() { return curl_; }
  // Runs the transfer; throws Error (503) naming `what` and the server's reply code on
  // failure — PermanentJobFailure when the server refused for good (a 5xx SMTP reply).
  void Perform(const std::string& what);
  const std::string& response() const { return response_; }

 private:
  std::string url_;
  CURL* curl_;
  std::string response_;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace hearth
