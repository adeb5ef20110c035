#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace hearth {

namespace {

std::string ContentType(const std::filesystem::path& path) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
      {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}, {".webmanifest", "application/manifest+json"}, {".yaml", "application/yaml"},
  };
  auto it = types.find(path.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// Only plain segments: no empty, ".", ".." or hidden names, no backslashes.
bool IsSafePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  size_t start = 1;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty() && end != path.size()) return false;
    if (!seg.empty() && seg.front() == '.') return false;
    if (seg.find('\\') != std::string_view::npos || seg.find('\0') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::optional<StaticFiles::File> StaticFiles::Load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = cache_.find(path.string());
  if (it != cache_.end() && it->second.mtime == mtime) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  File file{content.str(), "", mtime};
  file.etag = "\"" + std::to_string(file.content.size()) + "-" +
              std::to_string(mtime.time_since_epoch().count()) + "\"";
  cache_[path.string()] = file;
  return file;
}

Response StaticFiles::Reply(const Request& req, const File& file, const std::string& content_type, bool immutable) {
  Response res;
  res.With("ETag", file.etag);
  res.With("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (req.Header("if-none-match") == file.etag) {
    res.status = 304;
    res.content_type.clear();
    return res;
  }
  res.content_type = content_type;
  res.body = file.content;
  res.With("X-Content-Type-Options", "nosniff");
  return res;
}

std::optional<Response> StaticFiles::Serve(const Request& req) {
  const std::string& path = req.path;
  if (path.starts_with("/api/") || path == "/api" || !IsSafePath(path)) return std::nullopt;
  std::string relative = path == "/" ? "index.html" : path.substr(1);
  std::filesystem::path file_path = root_ / relative;
  if (auto file = Load(file_path)) return Reply(req, *file, ContentType(file_path), path.starts_with("/assets/"));
  // A client-side route (no extension) gets the app; a missing file stays a 404.
  std::string last = path.substr(path.rfind('/') + 1);
  if (last.find('.') != std::string::npos) return std::nullopt;
  if (auto index = Load(root_ / "index.html")) {
    Response res = Reply(req, *index, "text/html; charset=utf-8", false);
    return res;
  }
  return std::nullopt;
}

}  // namespace hearth
