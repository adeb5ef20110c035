#include "modules/notifications/notification_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "modules/list_query.hpp"

namespace hearth {

namespace {

constexpr const char* kColumns =
    "notifications.id, notifications.user_id, notifications.kind, notifications.title, notifications.body, "
    "notifications.ref_type, notifications.ref_id, notifications.read_at, notifications.created_at";

json::object FromRow(const Row& r) {
  return json::object{{"id", r.Text(0)},          {"user_id", r.Text(1)},          {"kind", r.Text(2)},
                      {"title", r.Text(3)},       {"body", r.Text(4)},             {"ref_type", OptionalString(r.OptText(5))},
                      {"ref_id", OptionalString(r.OptText(6))}, {"read_at", OptionalString(r.OptText(7))},
                      {"created_at", r.Text(8)}};
}

}  // namespace

void NotificationService::Notify(Tx& tx, const Notification& n) {
  tx.Exec("INSERT INTO notifications (id, user_id, kind, title, body, ref_type, ref_id, read_at, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
          {NewId("ntf"), n.user_id, n.kind, n.title, n.body, n.ref_type, n.ref_id, NowText()});
}

json::object NotificationService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "notifications",
      .columns = kColumns,
      .sorts = {{"created_at", "notifications.seq"}},
      .filters = {"kind"},
      .extra = {"unread"},
      .archivable = false,
      .searchable = false,
      .default_sort = "-created_at",
  };
  ListQuery query(ctx, spec);
  query.Where("notifications.user_id = ?", {ctx.principal().user_id});
  if (auto unread = query.Param("unread")) {
    if (*unread != "true" && *unread != "false") throw Error::BadRequest("unread must be true or false.");
    if (*unread == "true") query.Where("notifications.read_at IS NULL");
  }
  json::object page = query.Run(db_, FromRow);
  page["unread_count"] = db_.Read([&](Tx& tx) {
    return tx.QueryOne("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
                       {ctx.principal().user_id})
        ->Int(0);
  });
  return page;
}

json::object NotificationService::MarkRead(const std::string& user_id, const std::string& id) {
  return db_.Write([&](Tx& tx) {
    tx.Exec("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
            {NowText(), id, user_id});
    auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM notifications WHERE id = ? AND user_id = ?",
                           {id, user_id});
    if (!row) throw Error::NotFound("You have no notification with that id.");
    return FromRow(*row);
  });
}

json::object NotificationService::MarkAllRead(const std::string& user_id) {
  int64_t n = db_.Write([&](Tx& tx) {
    return tx.Exec("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", {NowText(), user_id});
  });
  return json::object{{"marked", n}};
}

}  // namespace hearth
