// HTTP routes of /api/v1/contacts.
#pragma once

#include "http/router.hpp"
#include "modules/contacts/contact_service.hpp"

namespace hearth {

void AddContactRoutes(Router& r, ContactService& contacts);

}  // namespace hearth
