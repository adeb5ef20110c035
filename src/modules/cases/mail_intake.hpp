// Email into the service desk: an email that answers a case (In-Reply-To/References name
// one of its emails, or the subject carries "[Case #N]" and it comes from the case's
// customer) becomes a message on that case; any other email from a customer becomes a
// new case. The sender is matched to a contact by address; an unknown sender becomes a
// prospect. The same email (by Message-ID) is never taken in twice.
#pragma once

#include "jobs/email_message.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

struct IntakeResult {
  std::string outcome;  // case_created, message_added, duplicate, ignored
  std::string case_id;  // when a case was made or answered
};

// `own_address` is the desk's address: mail from it (a loop) is ignored, as are
// automatic replies. `create_cases` false only adds to existing cases.
IntakeResult TakeInEmail(Tx& tx, const ParsedEmail& email, const std::string& own_address, bool create_cases);

}  // namespace hearth
