#include "storage/sqlite/sqlite_db.hpp"

#include "core/error.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace hearth {

namespace {

constexpr size_t kMaxGroup = 1024;  // transactions sharing one commit, at most

// A driver failure becomes an Error once, here: unique violations are conflicts, busy is
// unavailability, and anything else a 500 whose detail carries no SQL.
[[noreturn]] void ThrowSqlite(sqlite3* db, int rc) {
  int extended = sqlite3_extended_errcode(db);
  std::string message = sqlite3_errmsg(db);
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
    throw Error::Conflict("conflict", "A record with the same unique value already exists.");
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw Error::Unavailable("The database is busy; try again.");
  spdlog::error("sqlite error {}: {}", extended, message);
  if (rc == SQLITE_FULL) throw Error::Unavailable("The database disk is full.");
  throw Error::Internal("A database operation failed.");
}

class Connection {
 public:
  Connection(const std::string& path, bool read_only) {
    int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw Error::Unavailable("Cannot open the database file " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_extended_result_codes(db_, 1);
    if (!read_only) {
      Script("PRAGMA journal_mode=WAL");
      Script("PRAGMA synchronous=FULL");  // a commit is on disk before Write returns
      // The writer updates many indexes per row (names, emails, owners, search): a
      // larger cache keeps their hot pages instead of spilling and re-reading them.
      Script("PRAGMA cache_size=-65536");
      // Checkpoints run on their own thread (SqliteDb::CheckpointLoop): done by the
      // writer at commit, they stall every write behind them for hundreds of ms on a
      // large database.
      Script("PRAGMA wal_autocheckpoint=0");
    } else {
      Script("PRAGMA cache_size=-8192");
    }
    Script("PRAGMA foreign_keys=ON");
    Script("PRAGMA temp_store=MEMORY");
  }
  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One statement without parameters or rows (BEGIN, COMMIT, SAVEPOINT…), prepared once:
  // these run around every transaction, so parsing them each time would show.
  void Run(std::string_view sql) {
    sqlite3_stmt* stmt = Prepare(sql);
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) ThrowSqlite(db_, rc);
  }

  void Script(std::string_view sql) {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string message = err ? err : "";
      sqlite3_free(err);
      spdlog::error("sqlite script failed: {}", message);
      ThrowSqlite(db_, rc);
    }
  }

  // Prepared statements are cached per connection by their SQL text (looked up without
  // copying it: this runs for every statement).
  sqlite3_stmt* Prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) {
      spdlog::error("sqlite prepare failed: {} in: {}", sqlite3_errmsg(db_), sql);
      ThrowSqlite(db_, rc);
    }
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

class SqliteTx : public Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  Rows Query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = Bind(sql, params);
    Rows rows;
    int columns = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Value> cols;
      cols.reserve(columns);
      for (int i = 0; i < columns; ++i) cols.push_back(Column(stmt, i));
      rows.emplace_back(std::move(cols));
    }
    Finish(stmt, rc);
    return rows;
  }

  void QueryEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn) override {
    sqlite3_stmt* stmt = Bind(sql, params);
    int columns = sqlite3_column_count(stmt);
    Row row{std::vector<Value>(columns)};
    int rc;
    try {
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        for (int i = 0; i < columns; ++i) row.Set(i, Column(stmt, i));
        fn(row);
      }
    } catch (...) {
      sqlite3_reset(stmt);  // a cached statement must not stay mid-step
      throw;
    }
    Finish(stmt, rc);
  }

  int64_t Exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = Bind(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    Finish(stmt, rc);
    return sqlite3_changes(conn_.handle());
  }

  void ExecScript(std::string_view sql) override { conn_.Script(sql); }
  void LockKey(std::string_view) override {}

 private:
  sqlite3_stmt* Bind(std::string_view sql, const Params& params) {
    sqlite3_stmt* stmt = conn_.Prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i + 1);
      const auto& v = params[i].v;
      if (auto n = std::get_if<int64_t>(&v)) {
        sqlite3_bind_int64(stmt, index, *n);
      } else if (auto d = std::get_if<double>(&v)) {
        sqlite3_bind_double(stmt, index, *d);
      } else if (auto s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else {
        sqlite3_bind_null(stmt, index);
      }
    }
    return stmt;
  }

  void Finish(sqlite3_stmt* stmt, int rc) {
    if (rc != SQLITE_DONE) {
      sqlite3_reset(stmt);
      ThrowSqlite(conn_.handle(), rc);
    }
    sqlite3_reset(stmt);
  }

  static Value Column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER: return Value(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
      case SQLITE_FLOAT: return Value(sqlite3_column_double(stmt, i));
      case SQLITE_NULL: return Value();
      default: {
        auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        return Value(std::string(text, sqlite3_column_bytes(stmt, i)));
      }
    }
  }

  Connection& conn_;
};

class SqliteDb : public Db {
 public:
  SqliteDb(std::string path, int readers) : path_(std::move(path)), max_readers_(std::max(1, readers)) {
    writer_conn_ = std::make_unique<Connection>(path_, false);
    checkpoint_conn_ = std::make_unique<Connection>(path_, false);
    writer_ = std::thread([this] { WriterLoop(); });
    checkpointer_ = std::thread([this] { CheckpointLoop(); });
  }

  ~SqliteDb() override {
    {
      std::lock_guard lock(queue_mutex_);
      stopping_ = true;
    }
    queue_cv_.notify_all();
    writer_.join();
    checkpoint_cv_.notify_all();
    checkpointer_.join();
    // Leave a small WAL behind: fold everything into the database file.
    sqlite3_wal_checkpoint_v2(checkpoint_conn_->handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  void RunRead(const std::function<void(Tx&)>& fn) override {
    std::unique_ptr<Connection> conn = AcquireReader();
    try {
      conn->Run("BEGIN");  // one snapshot for every query in fn
      SqliteTx tx(*conn);
      fn(tx);
      conn->Run("COMMIT");
    } catch (...) {
      sqlite3_exec(conn->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      ReleaseReader(std::move(conn));
      throw;
    }
    ReleaseReader(std::move(conn));
  }

  void RunWrite(const std::function<void(Tx&)>& fn) override {
    Job job{&fn, {}};
    std::future<void> done = job.result.get_future();
    {
      std::lock_guard lock(queue_mutex_);
      if (stopping_) throw Error::Unavailable("The server is shutting down.");
      queue_.push_back(&job);
    }
    queue_cv_.notify_one();
    done.get();  // rethrows the job's own error
  }

  TextSearch SearchWords(std::string_view table, const std::vector<std::string>& words,
                         Params& params) const override {
    std::string match;
    for (const auto& w : words) match += (match.empty() ? "\"" : " \"") + w + "\"";
    params.emplace_back(match);
    std::string t(table);
    return {t + "_fts JOIN " + t + " ON " + t + ".seq = " + t + "_fts.rowid", t + "_fts MATCH ?", t + "_fts.rowid"};
  }

 private:
  struct Job {
    const std::function<void(Tx&)>* fn;
    std::promise<void> result;
  };

  std::unique_ptr<Connection> AcquireReader() {
    std::unique_lock lock(pool_mutex_);
    pool_cv_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < max_readers_; });
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    ++open_readers_;
    lock.unlock();
    try {
      return std::make_unique<Connection>(path_, true);
    } catch (...) {
      std::lock_guard again(pool_mutex_);
      --open_readers_;
      pool_cv_.notify_one();
      throw;
    }
  }

  void ReleaseReader(std::unique_ptr<Connection> conn) {
    {
      std::lock_guard lock(pool_mutex_);
      idle_readers_.push_back(std::move(conn));
    }
    pool_cv_.notify_one();
  }

  // Copies committed pages from the WAL into the database file about every 200 ms while
  // there are writes, without blocking the writer or readers (PASSIVE). The WAL starts
  // over from its beginning only once a checkpoint has caught up with it while no reader
  // still uses an older snapshot — under continuous reads that may never happen by
  // itself, and the WAL would grow without end (a 10-minute soak left 13 GB). So when it
  // holds more than kWalRestartFrames, a RESTART checkpoint follows the PASSIVE one: it
  // waits (briefly holding back the writer) for readers to move to the newest snapshot,
  // copies the little the PASSIVE pass left, and makes the next write start the WAL over.
  void CheckpointLoop() {
    constexpr int kWalRestartFrames = 16384;  // 64 MiB of 4 KiB pages
    std::unique_lock lock(queue_mutex_);
    while (!stopping_) {
      checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(200));
      if (commits_since_checkpoint_ == 0) continue;
      commits_since_checkpoint_ = 0;
      lock.unlock();
      sqlite3* db = checkpoint_conn_->handle();
      int log_frames = 0, copied = 0;
      int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
      if (rc == SQLITE_OK && log_frames > kWalRestartFrames) {
        auto started = std::chrono::steady_clock::now();
        // Writers wait while RESTART waits for readers: give up after 250 ms (and try
        // again at the next pass) rather than hold every write back for seconds.
        sqlite3_busy_timeout(db, 250);
        rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, &log_frames, &copied);
        sqlite3_busy_timeout(db, 5000);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        if (ms.count() > 1000) spdlog::warn("sqlite RESTART checkpoint held writes back for {} ms", ms.count());
      }
      if (rc != SQLITE_OK && rc != SQLITE_BUSY) spdlog::warn("sqlite checkpoint failed: {}", sqlite3_errmsg(db));
      lock.lock();
    }
  }

  void WriterLoop() {
    for (;;) {
      std::vector<Job*> group;
      {
        std::unique_lock lock(queue_mutex_);
        queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and every queued write is done
        while (!queue_.empty() && group.size() < kMaxGroup) {
          group.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      CommitGroup(group);
    }
  }

  // The whole group runs in one transaction with one commit (one fsync). Savepoints per
  // job would let a failing job roll back alone, but SQLite's statement-journal
  // bookkeeping inside a savepoint grows with the transaction and makes large jobs
  // (imports) slow. Failures inside the writer are rare (validation runs before), so on
  // one the group is rolled back and its jobs are run again one transaction each — the
  // Db contract already allows a transaction function to run more than once.
  void CommitGroup(const std::vector<Job*>& group) {
    std::vector<std::exception_ptr> errors(group.size());
    if (RunTogether(group)) {
      Deliver(group, errors, nullptr);
      return;
    }
    for (size_t i = 0; i < group.size(); ++i) {
      std::vector<Job*> alone{group[i]};
      try {
        if (!RunTogether(alone)) std::rethrow_exception(last_error_);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
    Deliver(group, errors, nullptr);
  }

  // Runs jobs in one transaction; true when it committed. On failure the transaction is
  // rolled back and last_error_ holds the first error.
  bool RunTogether(const std::vector<Job*>& jobs) {
    try {
      writer_conn_->Run("BEGIN IMMEDIATE");
      SqliteTx tx(*writer_conn_);
      for (Job* job : jobs) (*job->fn)(tx);
      writer_conn_->Run("COMMIT");
      std::lock_guard lock(queue_mutex_);
      ++commits_since_checkpoint_;
      return true;
    } catch (...) {
      last_error_ = std::current_exception();
      sqlite3_exec(writer_conn_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      return false;
    }
  }

  static void Deliver(const std::vector<Job*>& group, const std::vector<std::exception_ptr>& errors,
                      const std::exception_ptr& group_error) {
    for (size_t i = 0; i < group.size(); ++i) {
      if (group_error) {
        group[i]->result.set_exception(group_error);
      } else if (errors[i]) {
        group[i]->result.set_exception(errors[i]);
      } else {
        group[i]->result.set_value();
      }
    }
  }

  std::string path_;
  int max_readers_;
  std::unique_ptr<Connection> writer_conn_;
  std::exception_ptr last_error_;  // writer thread only
  std::unique_ptr<Connection> checkpoint_conn_;
  std::thread checkpointer_;
  std::condition_variable checkpoint_cv_;
  int commits_since_checkpoint_ = 0;  // guarded by queue_mutex_

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::thread writer_;

  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int open_readers_ = 0;
};

}  // namespace

std::unique_ptr<Db> OpenSqlite(const std::string& path, int readers) {
  return std::make_unique<SqliteDb>(path, readers);
}

}  // namespace hearth
