// /api/v1/interactions (read: viewer+, write: agent+), /contacts/{id}/pressure,
// /attention and the contact-pressure and early-warning settings.
#pragma once

#include "http/router.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/interactions/interaction_service.hpp"

namespace hearth {

void AddInteractionRoutes(Router& r, Db& db, InteractionService& interactions, ContactService& contacts);

}  // namespace hearth
