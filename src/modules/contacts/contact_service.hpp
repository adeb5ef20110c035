// ContactService holds the rules for contacts: validation (email, E.164 phone, enums,
// dates, tags), duplicate emails (409 naming the existing contact unless
// allow_duplicate), an active owner and an existing company, merge-patch updates with
// optimistic concurrency, archiving, all-or-nothing batch create, and the audit trail.
// Routes and the demo generator call it. Each public method is one transaction and
// throws Error (400, 404, 409, 412, 422). Safe from any thread.
#pragma once

#include "http/request.hpp"
#include "modules/companies/company_service.hpp"
#include "modules/contacts/contact.hpp"

#include <map>

namespace hearth {

class ContactService {
 public:
  ContactService(Db& db, CompanyService& companies, std::string phone_region);

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::array CreateBatch(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

  // Relationship phases: POST /contacts/{id}/phase {"phase","reason"} and the history
  // with the time spent in each phase.
  json::object MovePhase(const std::string& actor_id, const std::string& id, const json::object& body);
  json::object Phases(const std::string& id);
  // POST /contacts/reassign: all of one owner's contacts, or a list, to another owner.
  json::object Reassign(const std::string& actor_id, const json::object& body);

  // For other modules, inside their transaction: the display name of a contact that
  // exists and is not archived; the contact as JSON.
  static std::optional<std::string> ActiveName(Tx& tx, const std::string& id);
  static std::optional<json::object> FindInTx(Tx& tx, const std::string& id);
  // The contact with this email (case-insensitive), or a new contact of `kind` with it
  // and the display name split into first and last name (e.g. an unknown sender of an
  // email is a prospect; an unknown buyer in an order import a customer).
  // Returns the id and whether it was created.
  static std::pair<std::string, bool> FindOrCreateByEmail(Tx& tx, const std::string& actor_id,
                                                          const std::string& email, const std::string& display_name,
                                                          std::string_view kind = "prospect");
  // Non-archived contacts with an owner whose `field` (birthday or customer_since) falls
  // on one of the month-days ("12-31").
  struct Celebration {
    std::string contact_id, name, owner_id, date;
  };
  static std::vector<Celebration> Celebrating(Tx& tx, std::string_view field, const std::vector<std::string>& month_days);
  // For analyses, which key customers by contact seq: a contact's id, seq, display name,
  // owner and phase (archived contacts included: their history still counts).
  struct Brief {
    std::string id;
    int64_t seq = 0;
    std::string name;
    std::optional<std::string> owner_id;
    std::string phase;
  };
  static std::optional<Brief> BriefInTx(Tx& tx, const std::string& id);
  static std::map<int64_t, Brief> BriefsBySeq(Tx& tx, const std::vector<int64_t>& seqs);

 private:
  struct Draft {
    Contact contact;
    bool allow_duplicate = false;
    bool tags_changed = false;
  };
  // Applies a body's fields to draft.contact, collecting errors into v.
  void Apply(class Validator& v, Draft& draft, bool creating) const;
  // Checks references (company, owner) and duplicates inside the transaction; returns
  // the company's name for the search text.
  std::optional<std::string> CheckReferences(Tx& tx, const Contact& c, const std::string& prefix) const;
  // Phase history, timeline entries and the audit trail for a changed contact.
  static void RecordChange(Tx& tx, const std::string& actor_id, const Contact& before, const Contact& after,
                           const std::optional<std::string>& phase_reason);

  Db& db_;
  std::string phone_region_;
};

}  // namespace hearth
