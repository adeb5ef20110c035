#include "modules/mail/mail_routes.hpp"

#include "modules/mail/mailbox.hpp"

namespace hearth {

void AddMailRoutes(Router& r, Db& db, MailService& mail) {
  AddSettingRoutes(r, db, MailboxSetting(), Access::kAdmin);
  r.Post("/api/v1/mailbox/poll", Access::kAdmin, [&](Ctx&) { return Response::Json(mail.Poll()); });
}

}  // namespace hearth
