// HTTP routes of /api/v1/users: any staff member may read (owner pickers need names),
// only admins change.
#pragma once

#include "http/router.hpp"
#include "modules/users/user_service.hpp"

namespace hearth {

void AddUserRoutes(Router& r, UserService& users);

}  // namespace hearth
