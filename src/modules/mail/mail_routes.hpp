// Routes: /api/v1/settings/mailbox (admin) and POST /api/v1/mailbox/poll (admin: take
// in new email now instead of at the next minute).
#pragma once

#include "http/router.hpp"
#include "modules/mail/mail_service.hpp"

namespace hearth {

void AddMailRoutes(Router& r, Db& db, MailService& mail);

}  // namespace hearth
