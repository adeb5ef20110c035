#include "modules/interactions/interaction_store.hpp"

#include "core/markdown.hpp"
#include "core/time.hpp"

namespace hearth {

json::object ToJson(const Interaction& i) {
  return json::object{{"id", i.id},
                      {"contact_id", i.contact_id},
                      {"user_id", OptionalString(i.user_id)},
                      {"channel", i.channel},
                      {"direction", i.direction},
                      {"occurred_at", i.occurred_at},
                      {"subject", OptionalString(i.subject)},
                      {"notes", OptionalString(i.notes)},
                      {"notes_html", i.notes ? json::value(json::string(RenderMarkdown(*i.notes))) : json::value(nullptr)},
                      {"outcome", OptionalString(i.outcome)},
                      {"sentiment", i.sentiment ? json::value(*i.sentiment) : json::value(nullptr)},
                      {"override_reason", OptionalString(i.override_reason)},
                      {"task_id", OptionalString(i.task_id)},
                      {"archived_at", OptionalString(i.archived_at)},
                      {"created_at", i.created_at},
                      {"updated_at", i.updated_at},
                      {"version", i.version}};
}

const char* InteractionStore::Columns() {
  return "interactions.id, interactions.contact_id, interactions.user_id, interactions.channel, "
         "interactions.direction, interactions.occurred_at, interactions.subject, interactions.notes, "
         "interactions.outcome, interactions.sentiment, interactions.override_reason, interactions.task_id, "
         "interactions.archived_at, interactions.created_at, interactions.updated_at, interactions.version";
}

Interaction InteractionStore::FromRow(const Row& r) {
  Interaction i;
  i.id = r.Text(0);
  i.contact_id = r.Text(1);
  i.user_id = r.OptText(2);
  i.channel = r.Text(3);
  i.direction = r.Text(4);
  i.occurred_at = r.Text(5);
  i.subject = r.OptText(6);
  i.notes = r.OptText(7);
  i.outcome = r.OptText(8);
  if (!r.IsNull(9)) i.sentiment = r.Int(9);
  i.override_reason = r.OptText(10);
  i.task_id = r.OptText(11);
  i.archived_at = r.OptText(12);
  i.created_at = r.Text(13);
  i.updated_at = r.Text(14);
  i.version = r.Int(15);
  return i;
}

std::optional<Interaction> InteractionStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM interactions WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

namespace {

Value Sentiment(const Interaction& i) { return i.sentiment ? Value(*i.sentiment) : Value(); }

}  // namespace

void InteractionStore::Insert(Tx& tx, const Interaction& i) {
  tx.Exec("INSERT INTO interactions (id, contact_id, user_id, channel, direction, occurred_at, subject, notes, "
          "outcome, sentiment, override_reason, task_id, archived_at, created_at, updated_at, version) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {i.id, i.contact_id, i.user_id, i.channel, i.direction, i.occurred_at, i.subject, i.notes, i.outcome,
           Sentiment(i), i.override_reason, i.task_id, i.archived_at, i.created_at, i.updated_at, i.version});
}

void InteractionStore::Update(Tx& tx, const Interaction& i) {
  tx.Exec("UPDATE interactions SET contact_id = ?, user_id = ?, channel = ?, direction = ?, occurred_at = ?, "
          "subject = ?, notes = ?, outcome = ?, sentiment = ?, override_reason = ?, archived_at = ?, "
          "updated_at = ?, version = ? WHERE id = ?",
          {i.contact_id, i.user_id, i.channel, i.direction, i.occurred_at, i.subject, i.notes, i.outcome,
           Sentiment(i), i.override_reason, i.archived_at, i.updated_at, i.version, i.id});
}

std::vector<std::string> InteractionStore::OutboundTimes(Tx& tx, const std::string& contact_id,
                                                         const std::string& from, const std::string& to,
                                                         const std::string& except_id) {
  std::vector<std::string> times;
  for (const Row& r : tx.Query("SELECT occurred_at FROM interactions WHERE contact_id = ? AND occurred_at > ? "
                               "AND occurred_at < ? AND direction = 'outbound' AND archived_at IS NULL AND id <> ? "
                               "ORDER BY occurred_at",
                               {contact_id, from, to, except_id}))
    times.push_back(r.Text(0));
  return times;
}

void InteractionStore::RefreshActivity(Tx& tx, const std::string& contact_id) {
  // Interactions of one contact logged at once queue up here (PostgreSQL), so each
  // count sees the others' committed rows and the last one written is right.
  tx.LockKey("contact-activity:" + contact_id);
  auto row = tx.QueryOne("SELECT COUNT(*), MIN(occurred_at), MAX(occurred_at) FROM interactions "
                         "WHERE contact_id = ? AND archived_at IS NULL",
                         {contact_id});
  std::optional<SysTime> first, last;
  if (row && row->Int(0) > 0) first = ParseTime(row->Text(1)), last = ParseTime(row->Text(2));
  if (!first || !last) {
    tx.Exec("DELETE FROM contact_activity WHERE contact_id = ?", {contact_id});
    return;
  }
  tx.Exec("INSERT INTO contact_activity (contact_id, interactions, first_at_s, last_at_s) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (contact_id) DO UPDATE SET interactions = excluded.interactions, "
          "first_at_s = excluded.first_at_s, last_at_s = excluded.last_at_s",
          {contact_id, row->Int(0), UnixSeconds(*first), UnixSeconds(*last)});
}

}  // namespace hearth
