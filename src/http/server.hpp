// HttpServer is the transport: Boost.Beast over Asio with C++20 coroutines, one io
// thread per core, handlers run on a worker pool (they may block on the database) so io
// threads only move bytes — except reads on an embedded database (inline_reads). It enforces the protocol limits — header size and read
// timeouts (slow or idle clients are dropped), body size (413), a cap on open
// connections — stamps a request id on every response, writes the access log, and on
// SIGTERM/SIGINT stops accepting, lets in-flight requests finish and closes idle
// connections. The only file that includes Beast.
#pragma once

#include "http/router.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace hearth {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;              // 0 picks a free port
  int io_threads = 0;                // 0: one per core (two with inline_reads)
  int worker_threads = 32;           // handlers waiting on the database
  size_t body_limit = 8 * 1024 * 1024;
  size_t header_limit = 16 * 1024;
  size_t max_connections = 10000;
  std::chrono::seconds header_timeout{15};   // also the keep-alive idle time
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds shutdown_grace{20};
  bool access_log = true;
  // GET and HEAD run on the io thread instead of the worker pool. For an embedded
  // database a read takes microseconds, less than the two thread hand-offs it saves;
  // a networked database would hold the io thread for a round trip, so it stays off.
  bool inline_reads = false;
};

class HttpServer {
 public:
  HttpServer(const Router& router, ServerOptions options);
  ~HttpServer();

  // Binds the listening socket; returns the port (useful with port 0). Throws on failure.
  uint16_t Bind();
  // Serves until SIGTERM/SIGINT, then drains and returns.
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth
