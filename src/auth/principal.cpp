#include "auth/principal.hpp"

namespace hearth {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kManager: return "manager";
    case Role::kAgent: return "agent";
    case Role::kViewer: return "viewer";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "manager") return Role::kManager;
  if (name == "agent") return Role::kAgent;
  if (name == "viewer") return Role::kViewer;
  return std::nullopt;
}

}  // namespace hearth
