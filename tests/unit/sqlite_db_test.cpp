#include "core/error.hpp"
#include "test_db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace hearth {
namespace {

TEST(SqliteDbTest, WritesCommitAndReadsSeeThem) {
  testing::TempDb t(false);
  t.db().Write([](Tx& tx) { tx.Exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)"); });
  t.db().Write([](Tx& tx) { tx.Exec("INSERT INTO t VALUES (?, ?)", {"a", 1}); });
  auto v = t.db().Read([](Tx& tx) { return tx.QueryOne("SELECT v FROM t WHERE k = ?", {"a"})->Int(0); });
  EXPECT_EQ(v, 1);
}

TEST(SqliteDbTest, AFailingWriteRollsBackAloneInItsGroup) {
  testing::TempDb t(false);
  t.db().Write([](Tx& tx) { tx.Exec("CREATE TABLE t (k TEXT PRIMARY KEY)"); });
  constexpr int kThreads = 16;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      try {
        t.db().Write([&](Tx& tx) {
          tx.Exec("INSERT INTO t VALUES (?)", {"k" + std::to_string(i)});
          if (i % 2 == 0) tx.Exec("INSERT INTO t VALUES (?)", {"k" + std::to_string(i)});  // duplicate
        });
      } catch (const Error& e) {
        EXPECT_EQ(e.status(), 409);
        ++conflicts;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(conflicts, kThreads / 2);
  auto n = t.db().Read([](Tx& tx) { return tx.QueryOne("SELECT COUNT(*) FROM t")->Int(0); });
  EXPECT_EQ(n, kThreads / 2) << "only the successful transactions are committed, each completely";
}

TEST(SqliteDbTest, ConcurrentWritersAllCommit) {
  testing::TempDb t(false);
  t.db().Write([](Tx& tx) { tx.Exec("CREATE TABLE t (n INTEGER)"); });
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) t.db().Write([&](Tx& tx) { tx.Exec("INSERT INTO t VALUES (1)"); });
    });
  for (auto& th : threads) th.join();
  auto n = t.db().Read([](Tx& tx) { return tx.QueryOne("SELECT COUNT(*) FROM t")->Int(0); });
  EXPECT_EQ(n, 400);
}

TEST(SqliteDbTest, SearchFindsFoldedSubstrings) {
  testing::TempDb t;
  t.db().Write([](Tx& tx) {
    tx.Exec("INSERT INTO companies (id, name, search, name_key, created_at, updated_at) VALUES "
            "('com_1', 'Øvrebø AS', 'ovrebo as', 'ovrebo as', 'x', 'x')");
  });
  Params params;
  Db::TextSearch search = t.db().SearchWords("companies", {"vreb"}, params);
  auto n = t.db().Read([&](Tx& tx) {
    return tx.QueryOne("SELECT COUNT(*) FROM " + search.from + " WHERE " + search.condition, params)->Int(0);
  });
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace hearth
