#include "modules/contacts/contact_routes.hpp"

#include "modules/record_routes.hpp"

namespace hearth {

void AddContactRoutes(Router& r, ContactService& contacts) { AddRecordRoutes(r, "/api/v1/contacts", contacts); }

}  // namespace hearth
