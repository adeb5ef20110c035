// Db is the one storage interface of Hearth, with a dialect per folder (sqlite/, postgres/).
// Modules write portable SQL with `?` placeholders and run it inside a transaction:
//   db.Read([&](Tx& tx) { ... })   a consistent read-only snapshot
//   db.Write([&](Tx& tx) { ... })  commits when fn returns, rolls back if it throws
// Write returns only after the commit is durable. fn may run more than once (PostgreSQL
// retries serialization failures), so it must not have effects outside the transaction.
// Never call Read/Write from inside fn: pass the Tx down instead. Safe from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace hearth {

// A parameter or column value. Booleans are integers 0/1 in both dialects.
struct Value {
  std::variant<std::monostate, int64_t, double, std::string> v;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(int64_t i) : v(i) {}
  Value(int i) : v(static_cast<int64_t>(i)) {}
  Value(bool b) : v(static_cast<int64_t>(b ? 1 : 0)) {}
  Value(double d) : v(d) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(std::string_view s) : v(std::string(s)) {}
  Value(const char* s) : v(std::string(s)) {}
  Value(const std::optional<std::string>& s) {
    if (s) v = *s;
  }
  Value(const std::optional<int64_t>& i) {
    if (i) v = *i;
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v); }
};

using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  size_t size() const { return cols_.size(); }
  bool IsNull(size_t i) const { return cols_.at(i).is_null(); }
  // Text of a column; numbers are formatted. REQUIRES: not null.
  std::string Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  int64_t Int(size_t i) const;  // null is 0; text is parsed
  double Real(size_t i) const;
  const Value& operator[](size_t i) const { return cols_.at(i); }
  // For a dialect that streams rows through one Row (QueryEach).
  void Set(size_t i, Value v) { cols_[i] = std::move(v); }

 private:
  std::vector<Value> cols_;
};

using Rows = std::vector<Row>;

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual void ExecScript(std::string_view sql) = 0;
  // Serialises transactions that take the same key until they end (PostgreSQL advisory
  // lock; SQLite has one writer, so nothing to do). For check-then-insert rules.
  virtual void LockKey(std::string_view key) = 0;

  std::optional<Row> QueryOne(std::string_view sql, const Params& params = {});
  // Calls fn for each row without holding them all: for reading millions of rows (the
  // analytics snapshot). The Row passed is only valid during the call. SQLite streams
  // from the statement; other dialects may read the result first.
  virtual void QueryEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn);
  // Inserts many rows with few round trips: `head` is "INSERT INTO t (a, b) VALUES",
  // each row holds one value per column, `tail` may be " RETURNING …" (the rows it
  // returns are collected). Rows go in multi-row statements of power-of-two sizes (at
  // most 256 rows), so a connection prepares a handful of statements, not one per count.
  Rows InsertMany(std::string_view head, const std::vector<Params>& rows, std::string_view tail = "");
};

enum class Dialect { kSqlite, kPostgres };

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;
  virtual void RunRead(const std::function<void(Tx&)>& fn) = 0;
  virtual void RunWrite(const std::function<void(Tx&)>& fn) = 0;

  // How to select the rows of `table` whose folded `search` column contains every word
  // (each of 3 or more characters): the FROM clause, the condition (its parameters are
  // appended) and an expression equal to the table's `seq` column in that FROM. Ordering
  // by that expression lets SQLite walk its FTS5 trigram index in rowid order and stop
  // after one page, however many rows match; PostgreSQL filters with pg_trgm.
  struct TextSearch {
    std::string from;
    std::string condition;
    std::string seq;
  };
  virtual TextSearch SearchWords(std::string_view table, const std::vector<std::string>& words,
                                 Params& params) const = 0;

  template <class F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return Run(std::forward<F>(fn), false);
  }
  template <class F>
  auto Write(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return Run(std::forward<F>(fn), true);
  }

 private:
  template <class F>
  auto Run(F&& fn, bool write) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    auto run = [&](const std::function<void(Tx&)>& body) { write ? RunWrite(body) : RunRead(body); };
    if constexpr (std::is_void_v<R>) {
      run([&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      run([&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
};

struct DbOptions {
  std::string url;       // a path, sqlite:PATH or postgresql://…
  int readers = 8;       // SQLite reader connections / PostgreSQL pool size
};

// Opens (and creates, for SQLite) the database named by options.url. Throws Error on failure.
std::unique_ptr<Db> OpenDb(const DbOptions& options);

}  // namespace hearth
