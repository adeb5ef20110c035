// A fresh, migrated SQLite database in a temporary directory for unit tests: real SQLite,
// no mocks. Removed when the fixture goes.
#pragma once

#include "storage/db.hpp"
#include "storage/migrator.hpp"

#include <filesystem>
#include <random>
#include <string>

namespace hearth::testing {

class TempDb {
 public:
  explicit TempDb(bool migrate = true) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("hearth-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
    db_ = OpenDb(DbOptions{path_, 4});
    if (migrate) Migrate(*db_, MigrationsFor(db_->dialect()));
  }
  ~TempDb() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Db& db() { return *db_; }
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Db> db_;
};

}  // namespace hearth::testing
