#include "storage/postgres/postgres_db.hpp"

#include "core/error.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace hearth {

namespace {

// Thrown inside a transaction when PostgreSQL asks us to run it again.
struct RetryTransaction {};

constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

// Rewrites `?` placeholders (outside string literals) to `$1`, `$2`, …
std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_string = false;
  for (char c : sql) {
    if (c == '\'') in_string = !in_string;
    if (c == '?' && !in_string) {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PgConnection {
 public:
  explicit PgConnection(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      spdlog::error("postgres connect failed: {}", message);
      throw Error::Unavailable("Cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    Simple("SET client_min_messages TO warning");
  }
  ~PgConnection() { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  void Simple(std::string_view sql) {
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    Check(res);
    PQclear(res);
  }

  // Runs a statement, preparing it on first use on this connection.
  PGresult* Run(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PGresult* res = PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(), 0, nullptr);
      Check(res);
      PQclear(res);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i].v;
      if (auto n = std::get_if<int64_t>(&v)) {
        texts[i] = std::to_string(*n);
      } else if (auto d = std::get_if<double>(&v)) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", *d);
        texts[i] = buf;
      } else if (auto s = std::get_if<std::string>(&v)) {
        texts[i] = *s;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
    PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                                   nullptr, nullptr, 0);
    Check(res);
    return res;
  }

 private:
  void Check(PGresult* res) {
    ExecStatusType status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string state = res && PQresultErrorField(res, PG_DIAG_SQLSTATE) ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "";
    std::string message = PQerrorMessage(conn_);
    PQclear(res);
    if (state == "40001" || state == "40P01") throw RetryTransaction{};
    if (state == "23505") throw Error::Conflict("conflict", "A record with the same unique value already exists.");
    if (state.starts_with("22")) {
      spdlog::warn("postgres rejected data ({}): {}", state, message);
      throw Error::BadRequest("A value could not be stored as given.");
    }
    spdlog::error("postgres error {}: {}", state, message);
    if (!healthy()) throw Error::Unavailable("The database connection was lost; try again.");
    throw Error::Internal("A database operation failed.");
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;
};

class PgTx : public Tx {
 public:
  explicit PgTx(PgConnection& conn) : conn_(conn) {}

  Rows Query(std::string_view sql, const Params& params) override {
    PGresult* res = conn_.Run(sql, params);
    Rows rows;
    int n = PQntuples(res), columns = PQnfields(res);
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
      std::vector<Value> cols;
      cols.reserve(columns);
      for (int c = 0; c < columns; ++c) cols.push_back(Cell(res, r, c));
      rows.emplace_back(std::move(cols));
    }
    PQclear(res);
    return rows;
  }

  int64_t Exec(std::string_view sql, const Params& params) override {
    PGresult* res = conn_.Run(sql, params);
    const char* affected = PQcmdTuples(res);
    int64_t n = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
    PQclear(res);
    return n;
  }

  void ExecScript(std::string_view sql) override { conn_.Simple(sql); }

  void LockKey(std::string_view key) override {
    Query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", {std::string(key)});
  }

 private:
  static Value Cell(PGresult* res, int r, int c) {
    if (PQgetisnull(res, r, c)) return Value();
    const char* text = PQgetvalue(res, r, c);
    switch (PQftype(res, c)) {
      case kInt2:
      case kInt4:
      case kInt8: return Value(static_cast<int64_t>(std::strtoll(text, nullptr, 10)));
      case kFloat4:
      case kFloat8:
      case kNumeric: return Value(std::strtod(text, nullptr));
      default: return Value(std::string(text, PQgetlength(res, r, c)));
    }
  }

  PgConnection& conn_;
};

class PostgresDb : public Db {
 public:
  PostgresDb(std::string url, int pool_size) : url_(std::move(url)), max_(std::max(1, pool_size)) {
    Release(std::make_unique<PgConnection>(url_));  // fail fast on a bad URL
    ++open_;
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  void RunRead(const std::function<void(Tx&)>& fn) override { Run(fn, "BEGIN READ ONLY"); }
  void RunWrite(const std::function<void(Tx&)>& fn) override { Run(fn, "BEGIN"); }

  TextSearch SearchWords(std::string_view table, const std::vector<std::string>& words,
                         Params& params) const override {
    std::string t(table), condition;
    for (const auto& w : words) {
      condition += (condition.empty() ? "" : " AND ") + t + ".search LIKE ?";
      params.emplace_back("%" + w + "%");  // folded words hold only [a-z0-9]
    }
    return {t, condition, t + ".seq"};
  }

 private:
  void Run(const std::function<void(Tx&)>& fn, const char* begin) {
    for (int attempt = 1;; ++attempt) {
      std::unique_ptr<PgConnection> conn = Acquire();
      try {
        conn->Simple(begin);
        PgTx tx(*conn);
        fn(tx);
        conn->Simple("COMMIT");
        Release(std::move(conn));
        return;
      } catch (const RetryTransaction&) {
        Abandon(std::move(conn));
        if (attempt == 5) throw Error::Unavailable("The database is busy; try again.");
      } catch (...) {
        Abandon(std::move(conn));
        throw;
      }
    }
  }

  // Rolls back and returns a connection to the pool, or drops it if it is broken.
  void Abandon(std::unique_ptr<PgConnection> conn) {
    if (conn->healthy()) {
      try {
        conn->Simple("ROLLBACK");
        Release(std::move(conn));
        return;
      } catch (...) {
      }
    }
    std::lock_guard lock(mutex_);
    --open_;
    cv_.notify_one();
  }

  std::unique_ptr<PgConnection> Acquire() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;
    lock.unlock();
    try {
      return std::make_unique<PgConnection>(url_);
    } catch (...) {
      std::lock_guard again(mutex_);
      --open_;
      cv_.notify_one();
      throw;
    }
  }

  void Release(std::unique_ptr<PgConnection> conn) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(conn));
    }
    cv_.notify_one();
  }

  std::string url_;
  int max_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
};

}  // namespace

std::unique_ptr<Db> OpenPostgres(const std::string& url, int pool_size) {
  return std::make_unique<PostgresDb>(url, pool_size);
}

}  // namespace hearth
