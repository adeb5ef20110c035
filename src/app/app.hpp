// App wires Hearth together: opens and migrates the database, builds the services of
// every module and registers their routes. main.cpp builds one per command; tests build
// one on a temporary SQLite file and call router().Dispatch without a socket.
#pragma once

#include "auth/auth_service.hpp"
#include "http/idempotency.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "modules/analytics/analytics_service.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/companies/company_service.hpp"
#include "jobs/job_queue.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/cx_policy/cx_policy_service.hpp"
#include "modules/reports/digest.hpp"
#include "modules/interactions/interaction_service.hpp"
#include "modules/mail/mail_service.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/opportunities/opportunity_service.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/products/product_service.hpp"
#include "modules/sla/sla_policy_service.hpp"
#include "modules/tasks/task_service.hpp"
#include "modules/timeline/timeline_service.hpp"
#include "modules/users/user_service.hpp"
#include "storage/db.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace hearth {

struct AppConfig {
  std::string db_url;
  std::string phone_region = "NO";
  std::filesystem::path web_root;  // empty: no web app
  int db_connections = 16;
};

class App {
 public:
  explicit App(const AppConfig& config);
  ~App();

  Db& db() { return *db_; }
  Router& router() { return router_; }
  AuthService& auth() { return *auth_; }
  UserService& users() { return *users_; }
  CompanyService& companies() { return *companies_; }
  ContactService& contacts() { return *contacts_; }
  InteractionService& interactions() { return *interactions_; }
  TaskService& tasks() { return *tasks_; }
  CaseService& cases() { return *cases_; }
  ProductService& products() { return *products_; }
  OrderService& orders() { return *orders_; }
  OpportunityService& opportunities() { return *opportunities_; }
  AnalyticsService& analytics() { return *analytics_; }
  // Background jobs; `serve` starts the runner, other commands leave it stopped.
  JobQueue& jobs() { return *jobs_; }

 private:
  std::unique_ptr<Db> db_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<IdempotencyStore> idempotency_;
  std::unique_ptr<AuditService> audit_;
  std::unique_ptr<UserService> users_;
  std::unique_ptr<CompanyService> companies_;
  std::unique_ptr<ContactService> contacts_;
  std::unique_ptr<TimelineService> timeline_;
  std::unique_ptr<InteractionService> interactions_;
  std::unique_ptr<TaskService> tasks_;
  std::unique_ptr<SlaPolicyService> sla_policies_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<NotificationService> notifications_;
  std::unique_ptr<MailService> mail_;
  std::unique_ptr<CxPolicyService> cx_policies_;
  std::unique_ptr<DigestService> digests_;
  std::unique_ptr<ProductService> products_;
  std::unique_ptr<OrderService> orders_;
  std::unique_ptr<OpportunityService> opportunities_;
  std::unique_ptr<AnalyticsService> analytics_;  // before jobs_: its job handler outlives no runner
  std::unique_ptr<JobQueue> jobs_;
  std::unique_ptr<StaticFiles> static_files_;
  Router router_;
};

// The OpenAPI document compiled into the binary (docs/openapi.yaml).
std::string_view openapi_yaml();

}  // namespace hearth
