#include "jobs/curl_handle.hpp"

#include "core/error.hpp"
#include "jobs/job_queue.hpp"

#include <mutex>

namespace hearth {

namespace {

size_t Collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

CurlHandle::CurlHandle(const std::string& url, const std::string& username, const std::string& password) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  url_ = url;
  curl_ = curl_easy_init();
  if (!curl_) throw Error::Internal("Could not start a mail transfer.");
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  if (!username.empty()) curl_easy_setopt(curl_, CURLOPT_USERNAME, username.c_str());
  if (!password.empty()) curl_easy_setopt(curl_, CURLOPT_PASSWORD, password.c_str());
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl_, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response_);
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_);
}

CurlHandle::~CurlHandle() { curl_easy_cleanup(curl_); }

void CurlHandle::Perform(const std::string& what) {
  CURLcode rc = curl_easy_perform(curl_);
  if (rc == CURLE_OK) return;
  long code = 0;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &code);
  std::string message = what + " failed: " + (error_[0] ? std::string(error_) : curl_easy_strerror(rc));
  if (code > 0) message += " (server replied " + std::to_string(code) + ")";
  bool smtp = std::string_view(url_).substr(0, 4) == "smtp";
  if (smtp && code >= 500 && code < 600) throw PermanentJobFailure(message);
  throw Error::Unavailable(message);
}

}  // namespace hearth
