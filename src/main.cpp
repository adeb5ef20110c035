// The hearth command: init, serve, user add|list|set-role|reset-password, gen, analytics, routes.
// Every option also reads from an environment variable HEARTH_<NAME> (e.g. HEARTH_DB).
#include "app/app.hpp"
#include "core/error.hpp"
#include "core/phone.hpp"
#include "core/time.hpp"
#include "gen/demo_data.hpp"
#include "modules/analytics/analytics_cli.hpp"
#include "http/server.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include <malloc.h>
#include <unistd.h>

namespace {

using namespace hearth;

struct Settings {
  std::string db = "hearth.db";
  std::string listen = "127.0.0.1:8080";
  std::string web_root;
  std::string phone_region = "NO";
  std::string log_level = "info";
  int workers = 32;
  int io_threads = 0;
  int db_connections = 16;
  size_t max_connections = 10000;
  size_t body_limit_mb = 8;
  bool access_log = true;
  std::string clock;  // serve --clock: start the server's clock at this instant
};

// The web app beside the binary (installed layout) or in the source tree (a build).
std::string DefaultWebRoot() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = exe.parent_path().parent_path() / "web" / "dist";
    if (std::filesystem::exists(beside / "index.html")) return beside.string();
  }
  return std::string(HEARTH_SOURCE_DIR) + "/web/dist";
}

AppConfig ConfigFrom(const Settings& s, bool with_web) {
  if (!IsKnownRegion(s.phone_region))
    throw std::runtime_error("--phone-region must be an ISO 3166 region code such as NO, DK, SI or GB");
  AppConfig config;
  config.db_url = s.db;
  config.phone_region = s.phone_region;
  config.db_connections = s.db_connections;
  if (with_web) config.web_root = s.web_root.empty() ? DefaultWebRoot() : s.web_root;
  return config;
}

void AddDbOption(CLI::App* cmd, Settings& s) {
  cmd->add_option("--db", s.db, "Database: a file path, sqlite:PATH or postgresql://… URL")
      ->envname("HEARTH_DB")
      ->capture_default_str();
  cmd->add_option("--phone-region", s.phone_region, "Region for phone numbers without a country code")
      ->envname("HEARTH_PHONE_REGION")
      ->capture_default_str();
}

json::object UserBody(const std::string& email, const std::string& name, const std::string& role,
                      const std::string& password) {
  json::object body{{"email", email}, {"role", role}, {"password", password}};
  if (!name.empty()) body["name"] = name;
  return body;
}

std::string RequireUserId(App& app, const std::string& email) {
  auto id = app.users().FindByEmail(email);
  if (!id) throw std::runtime_error("no user has the email " + email);
  return *id;
}

void PrintFieldErrors(const Error& e) {
  std::cerr << "error: " << e.detail() << "\n";
  for (const auto& fe : e.field_errors()) std::cerr << "  " << fe.field << ": " << fe.message << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Hearth — a self-hosted CRM server"};
  cli.set_version_flag("--version", std::string("hearth ") + HEARTH_VERSION);
  cli.require_subcommand(1);
  Settings s;
  cli.add_option("--log-level", s.log_level, "trace, debug, info, warn, error")
      ->envname("HEARTH_LOG_LEVEL")
      ->capture_default_str();

  // init
  std::string admin_email, admin_password, admin_name;
  auto* init = cli.add_subcommand("init", "Create the database schema and the first admin");
  AddDbOption(init, s);
  init->add_option("--admin-email", admin_email, "Email of the first admin")->envname("HEARTH_ADMIN_EMAIL")->required();
  init->add_option("--admin-password", admin_password, "Password of the first admin (8+ characters)")
      ->envname("HEARTH_ADMIN_PASSWORD")
      ->required();
  init->add_option("--admin-name", admin_name, "Display name of the first admin");

  // serve
  auto* serve = cli.add_subcommand("serve", "Serve the API, the web app and background jobs");
  AddDbOption(serve, s);
  serve->add_option("--listen", s.listen, "Address and port to listen on (port 0 picks a free one)")
      ->envname("HEARTH_LISTEN")
      ->capture_default_str();
  serve->add_option("--web-root", s.web_root, "Folder of the built web app (default: web/dist)")->envname("HEARTH_WEB_ROOT");
  serve->add_option("--workers", s.workers, "Handler threads")->envname("HEARTH_WORKERS")->capture_default_str();
  serve->add_option("--io-threads", s.io_threads, "Network threads (0: one per core; two per core on SQLite, where they also run reads)")
      ->envname("HEARTH_IO_THREADS")
      ->capture_default_str();
  serve->add_option("--db-connections", s.db_connections, "Database read connections / PostgreSQL pool size")
      ->envname("HEARTH_DB_CONNECTIONS")
      ->capture_default_str();
  serve->add_option("--max-connections", s.max_connections, "Open client connections at most")
      ->envname("HEARTH_MAX_CONNECTIONS")
      ->capture_default_str();
  serve->add_option("--body-limit-mb", s.body_limit_mb, "Largest request body in MiB")
      ->envname("HEARTH_BODY_LIMIT_MB")
      ->capture_default_str();
  serve->add_option("--clock", s.clock,
                    "Start the server's clock at this RFC 3339 instant (tests, demos of date rules)")
      ->envname("HEARTH_CLOCK");
  serve->add_option("--access-log", s.access_log, "Log one line per request (true/false)")
      ->envname("HEARTH_ACCESS_LOG")
      ->capture_default_str();

  // user
  auto* user = cli.add_subcommand("user", "Manage staff users");
  user->require_subcommand(1);
  std::string u_email, u_name, u_role = "agent", u_password;
  auto* user_add = user->add_subcommand("add", "Add a user");
  AddDbOption(user_add, s);
  user_add->add_option("--email", u_email, "Email")->required();
  user_add->add_option("--name", u_name, "Display name");
  user_add->add_option("--role", u_role, "admin, manager, agent or viewer")->capture_default_str();
  user_add->add_option("--password", u_password, "Password (8+ characters)")->envname("HEARTH_USER_PASSWORD")->required();
  auto* user_list = user->add_subcommand("list", "List users");
  AddDbOption(user_list, s);
  auto* user_role = user->add_subcommand("set-role", "Change a user's role");
  AddDbOption(user_role, s);
  user_role->add_option("--email", u_email, "Email")->required();
  user_role->add_option("--role", u_role, "admin, manager, agent or viewer")->required();
  auto* user_reset = user->add_subcommand("reset-password", "Set a new password (ends the user's sessions)");
  AddDbOption(user_reset, s);
  user_reset->add_option("--email", u_email, "Email")->required();
  user_reset->add_option("--password", u_password, "New password (8+ characters)")
      ->envname("HEARTH_USER_PASSWORD")
      ->required();

  // gen
  GenOptions gen_options;
  auto* gen = cli.add_subcommand("gen", "Fill a database with deterministic synthetic demo data");
  AddDbOption(gen, s);
  gen->add_option("--companies", gen_options.companies, "Companies to create")->capture_default_str();
  gen->add_option("--contacts", gen_options.contacts, "Contacts to create")->capture_default_str();
  gen->add_option("--owners", gen_options.owners, "Staff owners to create")->capture_default_str();
  gen->add_option("--interactions", gen_options.interactions, "Interactions to create, with their timeline entries")
      ->capture_default_str();
  gen->add_option("--busy-contacts", gen_options.busy_contacts,
                  "Contacts that get 10,000 of those interactions each (long timelines)")
      ->capture_default_str();
  gen->add_option("--cases", gen_options.cases, "Service-desk cases over the last two years (with SLA policies)")
      ->capture_default_str();
  gen->add_option("--orders", gen_options.orders,
                  "About this many orders over the last three years, drawn from BG/NBD and Gamma-Gamma with known "
                  "parameters (printed)")
      ->capture_default_str();
  gen->add_option("--seed", gen_options.seed, "Random seed (same seed, same data)")->capture_default_str();

  // analytics
  auto* analytics = cli.add_subcommand("analytics", "Customer-base models and basket rules on a CSV file");
  analytics->require_subcommand(1);
  FitCommand fit;
  auto* fit_cmd = analytics->add_subcommand(
      "fit", "Fit BG/NBD, Pareto/NBD and Gamma-Gamma to transactions (CSV header with customer_id,date,amount)");
  fit_cmd->add_option("--transactions", fit.transactions, "CSV of transactions")->required();
  fit_cmd->add_option("--calibration-end", fit.calibration_end, "Last day of the calibration period (YYYY-MM-DD)")
      ->required();
  fit_cmd->add_option("--holdout-end", fit.holdout_end, "Last day of the holdout period: adds a holdout check");
  fit_cmd->add_option("--scores", fit.scores,
                      "Write per-customer scores to this CSV (customer_id,x,t_x,T,p_alive,expected_transactions,"
                      "expected_spend,clv)");
  fit_cmd->add_option("--horizon-weeks", fit.horizon_weeks, "Horizon of expected transactions and CLV")
      ->capture_default_str()->check(CLI::Range(0.0, 5200.0));
  fit_cmd->add_option("--discount-rate", fit.annual_discount_rate, "Annual discount rate of the CLV")
      ->capture_default_str()->check(CLI::Range(0.0, 10.0));
  RulesCommand rules;
  auto* rules_cmd = analytics->add_subcommand("rules", "Association rules (support, confidence, lift) over baskets");
  rules_cmd->add_option("--transactions", rules.transactions, "CSV with one row per basket line")->required();
  rules_cmd->add_option("--basket-col", rules.basket_col, "Column naming the basket (e.g. InvoiceNo)")->required();
  rules_cmd->add_option("--item-col", rules.item_col, "Column naming the item")->required();
  rules_cmd->add_option("--quantity-col", rules.quantity_col,
                        "Column with quantities: an item is in a basket when its summed quantity is at least 1");
  rules_cmd->add_option("--min-support", rules.min_support, "Smallest support of an itemset")
      ->required()->check(CLI::Range(0.0, 1.0));
  rules_cmd->add_option("--min-confidence", rules.min_confidence, "Smallest confidence of a rule")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  rules_cmd->add_option("--min-lift", rules.min_lift, "Smallest lift of a rule")->capture_default_str();

  // routes
  auto* routes = cli.add_subcommand("routes", "Print every route the server registers");

  CLI11_PARSE(cli, argc, argv);
  // Logs go to stderr; stdout carries only what a command reports.
  spdlog::set_default_logger(spdlog::stderr_color_mt("hearth"));
  spdlog::set_level(spdlog::level::from_str(s.log_level));

  try {
    if (*fit_cmd) {
      RunFitCommand(fit, std::cout);
      return 0;
    }
    if (*rules_cmd) {
      if (rules.min_support <= 0) throw std::runtime_error("--min-support must be above 0");
      RunRulesCommand(rules, std::cout);
      return 0;
    }
    if (*routes) {
      // Routes are registered by App, which needs a database: use a throwaway file.
      auto dir = std::filesystem::temp_directory_path() / ("hearth-routes-" + std::to_string(getpid()));
      std::filesystem::create_directories(dir);
      {
        AppConfig config;
        config.db_url = (dir / "routes.db").string();
        App app(config);
        for (const auto& r : app.router().RouteList()) std::cout << r << "\n";
      }
      std::filesystem::remove_all(dir);
      return 0;
    }
    if (*init) {
      App app(ConfigFrom(s, false));
      if (app.users().FindByEmail(admin_email)) {
        std::cerr << "error: an admin with the email " << admin_email << " already exists in " << s.db << "\n";
        return 1;
      }
      app.users().Create("", UserBody(admin_email, admin_name, "admin", admin_password));
      std::cout << "created " << s.db << " with admin " << admin_email << "\n";
      return 0;
    }
    if (*serve) {
      // glibc gives each thread that allocates its own arena and keeps freed memory there;
      // with dozens of handler threads a burst of large bodies would stay resident. A few
      // shared arenas keep the server's footprint close to what it actually uses.
      mallopt(M_ARENA_MAX, 2);
      if (!s.clock.empty()) {
        auto start = ParseTime(s.clock);
        if (!start) throw std::runtime_error("--clock must be an RFC 3339 time such as 2026-12-30T08:00:00Z");
        StartClockAt(*start);
      }
      ServerOptions options;
      auto colon = s.listen.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
      options.host = s.listen.substr(0, colon);
      options.port = static_cast<uint16_t>(std::stoi(s.listen.substr(colon + 1)));
      options.worker_threads = s.workers;
      options.io_threads = s.io_threads;
      options.max_connections = s.max_connections;
      options.body_limit = s.body_limit_mb * 1024 * 1024;
      options.access_log = s.access_log;
      App app(ConfigFrom(s, true));
      options.inline_reads = app.db().dialect() == Dialect::kSqlite;
      app.jobs().Start();
      HttpServer server(app.router(), options);
      uint16_t port = server.Bind();
      std::cout << "hearth listening on http://" << options.host << ":" << port << std::endl;
      server.Run();
      spdlog::info("stopped");
      return 0;
    }
    if (*user) {
      App app(ConfigFrom(s, false));
      if (*user_add) {
        auto u = app.users().Create("", UserBody(u_email, u_name, u_role, u_password));
        std::cout << "added " << json::serialize(u) << "\n";
      } else if (*user_list) {
        Rows rows = app.db().Read([](Tx& tx) {
          return tx.Query("SELECT email, name, role, active FROM users ORDER BY email_key");
        });
        for (const Row& r : rows)
          std::cout << fmt::format("{:<40} {:<30} {:<8} {}\n", r.Text(0), r.Text(1), r.Text(2),
                                   r.Int(3) ? "active" : "inactive");
      } else if (*user_role) {
        app.users().Update("", RequireUserId(app, u_email), json::object{{"role", u_role}}, std::nullopt);
        std::cout << u_email << " is now " << u_role << "\n";
      } else if (*user_reset) {
        app.users().Update("", RequireUserId(app, u_email), json::object{{"password", u_password}}, std::nullopt);
        std::cout << "password of " << u_email << " reset; their sessions are ended\n";
      }
      return 0;
    }
    if (*gen) {
      App app(ConfigFrom(s, false));
      GenReport r = GenerateDemoData(app.db(), gen_options);
      std::cout << fmt::format(
          "generated {} owners, {} companies, {} contacts, {} interactions, {} cases, {} orders in {:.1f} s\n", r.owners,
          r.companies, r.contacts, r.interactions, r.cases, r.orders.orders, r.seconds);
      if (r.orders.orders > 0)
        std::cout << fmt::format(
            "orders drawn from BG/NBD r={} alpha={:.6f} a={} b={} (weeks) and Gamma-Gamma p={} q={} gamma={} (minor "
            "units)\n",
            r.orders.timing.r, r.orders.timing.alpha, r.orders.timing.a, r.orders.timing.b, r.orders.spend.p,
            r.orders.spend.q, r.orders.spend.gamma);
      return 0;
    }
  } catch (const Error& e) {
    PrintFieldErrors(e);
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
