// HTTP routes of sign-in, sign-out, the signed-in user and API tokens.
#pragma once

#include "auth/auth_service.hpp"
#include "http/router.hpp"

namespace hearth {

void AddAuthRoutes(Router& r, AuthService& auth);

}  // namespace hearth
