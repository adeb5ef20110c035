#include "storage/data_version.hpp"

namespace hearth {

void BumpDataVersion(Tx& tx, std::string_view name) {
  tx.Exec("UPDATE data_versions SET version = version + 1 WHERE name = ?", {name});
}

int64_t ReadDataVersion(Tx& tx, std::string_view name) {
  auto row = tx.QueryOne("SELECT version FROM data_versions WHERE name = ?", {name});
  return row ? row->Int(0) : 0;
}

}  // namespace hearth
