#include "modules/users/user_service.hpp"

#include "auth/password.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/list_query.hpp"
#include "modules/record.hpp"

#include <algorithm>

namespace hearth {

namespace {

constexpr size_t kMinPassword = 8;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::optional<json::object> Load(Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return UserJson(*row);
}

Field<std::string> Password(Validator& v, std::string_view name) {
  Field<std::string> f = v.Text(name, 200);
  if (f.is_set() && f.value->size() < kMinPassword) {
    v.Add(name, "must be at least 8 characters");
    f.value.reset();
  }
  return f;
}

}  // namespace

json::object UserService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "users",
      .columns = kUserColumns,
      .sorts = {{"name", "LOWER(users.name)"}, {"created_at", "users.created_at"}, {"email", "users.email_key"}},
      .filters = {"role"},
      .extra = {"active", "q", "service_team"},
      .archivable = false,
      .searchable = false,
  };
  ListQuery query(ctx, spec);
  if (auto active = query.Param("active")) {
    if (*active != "true" && *active != "false") throw Error::BadRequest("active must be true or false.");
    query.Where("users.active = ?", {*active == "true" ? 1 : 0});
  }
  if (auto team = query.Param("service_team")) {
    if (*team != "true" && *team != "false") throw Error::BadRequest("service_team must be true or false.");
    query.Where("users.service_team = ?", {*team == "true" ? 1 : 0});
  }
  if (auto q = query.Param("q"); q && !q->empty()) {
    std::string like = "%" + Lower(std::string(q->substr(0, 100))) + "%";
    query.Where("(LOWER(users.name) LIKE ? OR users.email_key LIKE ?)", {like, like});
  }
  return query.Run(db_, [](const Row& r) { return UserJson(r); });
}

json::object UserService::Get(const std::string& id) {
  auto user = db_.Read([&](Tx& tx) { return Load(tx, id); });
  if (!user) throw Error::NotFound("No user has that id.");
  return *user;
}

std::optional<std::string> UserService::FindByEmail(const std::string& email) {
  return db_.Read([&](Tx& tx) -> std::optional<std::string> {
    auto row = tx.QueryOne("SELECT id FROM users WHERE email_key = ?", {Lower(email)});
    if (!row) return std::nullopt;
    return row->Text(0);
  });
}

json::object UserService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"email", "name", "role", "password"}, {"id", "created_at", "updated_at", "version", "active"});
  auto email = v.Email("email");
  auto name = v.Text("name");
  auto role = v.Enum("role", {"admin", "manager", "agent", "viewer"});
  auto password = Password(v, "password");
  v.Require("email", email);
  v.Require("role", role);
  v.Require("password", password);
  v.Finish();

  std::string hash = HashPassword(*password.value);  // slow: outside the transaction
  std::string id = NewId("usr");
  std::string now = NowText();
  std::string display = name.value.value_or(email.value->substr(0, email.value->find('@')));
  return db_.Write([&](Tx& tx) {
    if (tx.QueryOne("SELECT 1 FROM users WHERE email_key = ?", {Lower(*email.value)}))
      throw Error::Conflict("conflict", "A user with this email already exists.");
    tx.Exec("INSERT INTO users (id, email, email_key, name, role, password_hash, active, created_at, updated_at, "
            "version) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 1)",
            {id, *email.value, Lower(*email.value), display, *role.value, hash, now, now});
    json::object user = *Load(tx, id);
    AuditService::RecordCreate(tx, actor_id, "user", id, user);
    return user;
  });
}

json::object UserService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                 std::optional<int64_t> if_match) {
  Validator v(patch);
  v.RejectUnknown({"email", "name", "role", "active", "password", "service_team", "away_from", "away_until"},
                  {"id", "created_at", "updated_at", "version"});
  auto email = v.Email("email");
  auto name = v.Text("name");
  auto role = v.Enum("role", {"admin", "manager", "agent", "viewer"});
  auto active = v.Bool("active");
  auto password = Password(v, "password");
  auto team = v.Bool("service_team");
  auto away_from = v.Time("away_from");
  auto away_until = v.Time("away_until");
  if (team.present && !team.value && !v.HasError("service_team")) v.Add("service_team", "cannot be cleared");
  if (email.present && !email.value && !v.HasError("email")) v.Add("email", "cannot be cleared");
  if (name.present && !name.value && !v.HasError("name")) v.Add("name", "cannot be cleared");
  if (role.present && !role.value && !v.HasError("role")) v.Add("role", "cannot be cleared");
  if (active.present && !active.value && !v.HasError("active")) v.Add("active", "cannot be cleared");
  v.Finish();
  std::optional<std::string> hash;
  if (password.is_set()) hash = HashPassword(*password.value);

  json::object user = db_.Write([&](Tx& tx) {
    tx.LockKey("user:" + id);  // concurrent changes of one user queue up (PostgreSQL)
    auto before = Load(tx, id);
    if (!before) throw Error::NotFound("No user has that id.");
    RequireVersion(before->at("version").as_int64(), if_match);
    const json::object& b = *before;
    std::string new_name = name.is_set() ? *name.value : std::string(b.at("name").as_string());
    std::string new_role = role.is_set() ? *role.value : std::string(b.at("role").as_string());
    bool new_active = active.is_set() ? *active.value : b.at("active").as_bool();
    std::string new_email = email.is_set() ? *email.value : std::string(b.at("email").as_string());
    if (Lower(new_email) != Lower(std::string(b.at("email").as_string())) &&
        tx.QueryOne("SELECT 1 FROM users WHERE email_key = ?", {Lower(new_email)}))
      throw Error::Conflict("conflict", "A user with this email already exists.");
    bool new_team = team.is_set() ? *team.value : b.at("service_team").as_bool();
    json::value new_from = away_from.present ? OptionalString(away_from.value) : b.at("away_from");
    json::value new_until = away_until.present ? OptionalString(away_until.value) : b.at("away_until");
    if (new_from.is_string() && new_until.is_string() && new_until.as_string() <= new_from.as_string())
      throw Error::Invalid({{"away_until", "must be after away_from"}});
    if (!hash && new_name == b.at("name").as_string() && new_role == b.at("role").as_string() &&
        new_active == b.at("active").as_bool() && new_email == b.at("email").as_string() &&
        new_team == b.at("service_team").as_bool() && new_from == b.at("away_from") && new_until == b.at("away_until"))
      return *before;  // nothing changed: no new version
    auto text = [](const json::value& v) { return v.is_string() ? Value(std::string(v.as_string())) : Value(); };
    tx.Exec("UPDATE users SET service_team = ?, away_from = ?, away_until = ? WHERE id = ?",
            {new_team, text(new_from), text(new_until), id});
    tx.Exec("UPDATE users SET email = ?, email_key = ?, name = ?, role = ?, active = ?, updated_at = ?, "
            "version = version + 1 WHERE id = ?",
            {new_email, Lower(new_email), new_name, new_role, new_active, NowText(), id});
    if (hash) tx.Exec("UPDATE users SET password_hash = ? WHERE id = ?", {*hash, id});
    if (!new_active || hash) AuthService::EndAllSessions(tx, id);
    json::object after = *Load(tx, id);
    json::object audited_after = after;
    if (hash) audited_after["password"] = "(changed)";
    AuditService::RecordUpdate(tx, actor_id, "user", id, *before, audited_after);
    return after;
  });
  auth_.ForgetCached();
  return user;
}

json::object UserService::SetAway(const std::string& user_id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"away_from", "away_until"});
  v.Finish();
  json::object patch{{"away_from", body.contains("away_from") ? body.at("away_from") : json::value(nullptr)},
                     {"away_until", body.contains("away_until") ? body.at("away_until") : json::value(nullptr)}};
  return Update(user_id, user_id, patch, std::nullopt);
}

void UserService::Deactivate(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  if (id == actor_id) throw Error::Conflict("conflict", "You cannot deactivate yourself.");
  Update(actor_id, id, json::object{{"active", false}}, if_match);
}

bool UserService::IsActive(Tx& tx, const std::string& id) {
  auto row = tx.QueryOne("SELECT active FROM users WHERE id = ?", {id});
  return row && row->Int(0) != 0;
}

}  // namespace hearth
