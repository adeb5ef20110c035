// Principal is who a request acts for, once authenticated: a staff user with a role.
// Roles are ordered: each includes what the ones below it may do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hearth {

enum class Role { kViewer = 1, kAgent = 2, kManager = 3, kAdmin = 4 };

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  std::string user_id;
  Role role = Role::kViewer;
  std::string session_id;  // the sessions row (public id), for logout and token listing
  bool via_cookie = false; // cookie-authenticated requests need the CSRF header to write
  std::string csrf_token;
};

}  // namespace hearth
