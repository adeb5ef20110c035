#include "storage/migrator.hpp"
#include "test_db.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(MigratorTest, AppliesEachMigrationOnceAndRecordsIt) {
  testing::TempDb t(false);
  const auto& list = MigrationsFor(t.db().dialect());
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(SchemaVersion(t.db()), 0);
  EXPECT_EQ(Migrate(t.db(), list), static_cast<int>(list.size()));
  EXPECT_EQ(SchemaVersion(t.db()), list.back().version);
  EXPECT_EQ(Migrate(t.db(), list), 0) << "a second run must change nothing";
  auto count = t.db().Read([](Tx& tx) { return tx.QueryOne("SELECT COUNT(*) FROM schema_migrations")->Int(0); });
  EXPECT_EQ(count, static_cast<int64_t>(list.size()));
}

TEST(MigratorTest, AFailedMigrationLeavesNoTrace) {
  testing::TempDb t(false);
  std::vector<Migration> broken = {
      {1, "0001_ok", "CREATE TABLE a (x INTEGER);"},
      {2, "0002_broken", "CREATE TABLE b (x INTEGER); THIS IS NOT SQL;"},
  };
  EXPECT_ANY_THROW(Migrate(t.db(), broken));
  EXPECT_EQ(SchemaVersion(t.db()), 1);
  auto b_exists = t.db().Read([](Tx& tx) {
    return tx.QueryOne("SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'")->Int(0);
  });
  EXPECT_EQ(b_exists, 0) << "the failed migration's table must be rolled back";
}

TEST(MigratorTest, VersionsAreIncreasingInBothDialects) {
  for (const auto* list : {&sqlite_migrations(), &postgres_migrations()}) {
    int last = 0;
    for (const auto& m : *list) {
      EXPECT_GT(m.version, last) << m.name;
      last = m.version;
    }
  }
  EXPECT_EQ(sqlite_migrations().size(), postgres_migrations().size()) << "each migration exists for both dialects";
}

}  // namespace
}  // namespace hearth
