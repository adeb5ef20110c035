#include "app/app.hpp"

#include "auth/auth_routes.hpp"
#include "core/crypto.hpp"
#include "modules/analytics/analytics_routes.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/cases/case_routes.hpp"
#include "modules/companies/company_routes.hpp"
#include "jobs/job_routes.hpp"
#include "modules/contacts/contact_routes.hpp"
#include "modules/cx_policy/cx_policy_routes.hpp"
#include "modules/reports/report_routes.hpp"
#include "modules/interactions/interaction_routes.hpp"
#include "modules/mail/mail_routes.hpp"
#include "modules/notifications/notification_routes.hpp"
#include "modules/opportunities/opportunity_routes.hpp"
#include "modules/orders/order_routes.hpp"
#include "modules/products/product_routes.hpp"
#include "modules/tasks/follow_ups.hpp"
#include "modules/tasks/task_routes.hpp"
#include "modules/timeline/timeline_routes.hpp"
#include "modules/users/user_routes.hpp"
#include "storage/migrator.hpp"

namespace hearth {

App::App(const AppConfig& config) {
  InitCrypto();
  db_ = OpenDb(DbOptions{config.db_url, config.db_connections});
  Migrate(*db_, MigrationsFor(db_->dialect()));

  auth_ = std::make_unique<AuthService>(*db_);
  idempotency_ = std::make_unique<IdempotencyStore>(*db_);
  audit_ = std::make_unique<AuditService>(*db_);
  users_ = std::make_unique<UserService>(*db_, *auth_);
  companies_ = std::make_unique<CompanyService>(*db_, config.phone_region);
  contacts_ = std::make_unique<ContactService>(*db_, *companies_, config.phone_region);
  timeline_ = std::make_unique<TimelineService>(*db_);
  interactions_ = std::make_unique<InteractionService>(*db_);
  tasks_ = std::make_unique<TaskService>(*db_);
  sla_policies_ = std::make_unique<SlaPolicyService>(*db_);
  cases_ = std::make_unique<CaseService>(*db_);
  notifications_ = std::make_unique<NotificationService>(*db_);
  jobs_ = std::make_unique<JobQueue>(*db_);
  jobs_->Register("sla-timer", [this](const json::object& payload) {
    cases_->OnSlaTimer(std::string(payload.at("case_id").as_string()));
  });
  mail_ = std::make_unique<MailService>(*db_);
  mail_->RegisterJobs(*jobs_);
  cx_policies_ = std::make_unique<CxPolicyService>(*db_);
  products_ = std::make_unique<ProductService>(*db_);
  orders_ = std::make_unique<OrderService>(*db_);
  opportunities_ = std::make_unique<OpportunityService>(*db_);
  analytics_ = std::make_unique<AnalyticsService>(*db_);
  analytics_->RegisterJobs(*jobs_);
  digests_ = std::make_unique<DigestService>(*db_);
  jobs_->RegisterDaily("service-digest", [this](const json::object& payload) {
    digests_->RunDaily(std::string(payload.at("as_of").as_string()));
  });
  jobs_->RegisterDaily("follow-ups", [this](const json::object& payload) {
    RunFollowUps(*db_, std::string(payload.at("as_of").as_string()));
  });

  router_.SetAuthenticator([this](const Request& req) { return auth_->Authenticate(req); });
  router_.SetIdempotencyStore(idempotency_.get());
  if (!config.web_root.empty()) {
    static_files_ = std::make_unique<StaticFiles>(config.web_root);
    router_.SetFallback([this](const Request& req) { return static_files_->Serve(req); });
  }

  router_.Get("/healthz", Access::kPublic, [](Ctx&) { return Response::Json(json::object{{"status", "ok"}}); });
  router_.Get("/api/v1/openapi.yaml", Access::kPublic, [](Ctx&) {
    Response res;
    res.content_type = "application/yaml";
    res.body = std::string(openapi_yaml());
    return res;
  });
  AddAuthRoutes(router_, *auth_);
  AddUserRoutes(router_, *users_);
  AddContactRoutes(router_, *contacts_);
  AddCompanyRoutes(router_, *companies_);
  AddAuditRoutes(router_, *audit_);
  AddTimelineRoutes(router_, *timeline_);
  AddInteractionRoutes(router_, *db_, *interactions_, *contacts_);
  AddTaskRoutes(router_, *db_, *tasks_);
  AddCaseRoutes(router_, *db_, *cases_, *sla_policies_);
  AddNotificationRoutes(router_, *notifications_);
  AddCxPolicyRoutes(router_, *cx_policies_);
  AddReportRoutes(router_, *db_, *digests_);
  AddMailRoutes(router_, *db_, *mail_);
  AddJobRoutes(router_, *jobs_);
  AddProductRoutes(router_, *products_);
  AddOrderRoutes(router_, *db_, *orders_);
  AddOpportunityRoutes(router_, *db_, *opportunities_);
  AddAnalyticsRoutes(router_, *db_, *analytics_);
}

App::~App() { jobs_->Stop(); }

}  // namespace hearth
