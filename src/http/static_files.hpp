// StaticFiles serves the built web app (web/dist) for GET/HEAD requests no API route
// matched: correct content types, ETag revalidation (304), a year of caching for hashed
// files under /assets/, and index.html for client-side routes (paths without a file
// extension). Paths are checked segment by segment, so `..` can never leave the root.
#pragma once

#include "http/request.hpp"

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hearth {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  std::optional<Response> Serve(const Request& req);

 private:
  struct File {
    std::string content;
    std::string etag;
    std::filesystem::file_time_type mtime;
  };
  // Reads through a small cache that notices changed files.
  std::optional<File> Load(const std::filesystem::path& path);
  Response Reply(const Request& req, const File& file, const std::string& content_type, bool immutable);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::unordered_map<std::string, File> cache_;
};

}  // namespace hearth
