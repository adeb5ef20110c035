#include "modules/analytics/analytics_service.hpp"

#include "core/cursor.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/analytics/analytics_settings.hpp"
#include "modules/analytics/day_number.hpp"
#include "modules/analytics/health.hpp"
#include "modules/analytics/snapshot.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/interactions/interaction_service.hpp"
#include "modules/tasks/task_service.hpp"
#include "storage/data_version.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

namespace hearth {
namespace {

using namespace analytics;

int32_t Today() { return *DayNumber(TodayText()); }

// Analyses that took less than this are redone in the request that finds them stale.
constexpr double kWaitBelowMs = 1000;

double Round(double v, double scale) { return std::round(v * scale) / scale; }

std::string NextCursor(size_t offset, size_t total) {
  if (offset >= total) return "";
  return Base64UrlEncode("o:" + std::to_string(offset));
}

json::value CursorJson(const std::string& c) { return c.empty() ? json::value(nullptr) : json::value(c); }

using ContactInfo = ContactService::Brief;

json::value DayOrNull(std::optional<int32_t> day) {
  return day ? json::value(DayText(*day)) : json::value(nullptr);
}

json::object RhythmJson(const Rhythm& r) {
  return {{"usual_days", r.usual_days ? json::value(*r.usual_days) : json::value(nullptr)},
          {"next_due", DayOrNull(r.next_due)},
          {"days_overdue", r.days_overdue},
          {"status", DueStatusName(r.status)}};
}

json::object RfmJson(const Analysis& a, const CustomerAnalysis& c) {
  return {{"recency_days", a.today - c.last_day},
          {"frequency", c.purchase_days},
          {"monetary_minor", c.total_minor},
          {"r", c.rfm.r},
          {"f", c.rfm.f},
          {"m", c.rfm.m},
          {"score", fmt::format("{}{}{}", c.rfm.r, c.rfm.f, c.rfm.m)},
          {"segment", RfmSegments()[c.rfm.segment]}};
}

json::value ModelJson(const Analysis& a, const CustomerAnalysis& c) {
  if (!a.bgnbd) return nullptr;
  return json::object{{"x", c.x},
                      {"t_x", Round(c.t_x, 1e4)},
                      {"T", Round(c.T, 1e4)},
                      {"p_alive", Round(c.p_alive, 1e4)},
                      {"expected_purchases", Round(c.expected_purchases, 1e4)},
                      {"horizon_weeks", a.horizon_weeks},
                      {"expected_spend_minor", std::llround(c.expected_spend)},
                      {"clv_minor", std::llround(c.clv)}};
}

// One product the customer bought: its purchase days and rhythm.
struct Bought {
  std::string id, sku, name;
  std::vector<int32_t> days;
  Rhythm rhythm;
};

// By contact seq and currency: the orders_analysis index's prefix (by contact id the
// planner may prefer that index's currency alone and scan every order).
std::vector<Bought> ProductsBought(Tx& tx, int64_t contact_seq, const std::string& currency, int32_t today) {
  std::vector<Bought> out;
  Rows rows = tx.Query(
      "SELECT l.product_id, p.sku, p.name, o.ordered_day FROM orders o "
      "JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id "
      "WHERE o.currency = ? AND o.contact_seq = ? AND p.is_service = 0 AND o.ordered_day <= ? "
      "AND o.archived_at IS NULL AND o.status IN ('placed', 'paid', 'shipped', 'delivered') AND o.merchandise_minor > 0 "
      "ORDER BY l.product_id, o.ordered_day",
      {currency, contact_seq, today});
  for (const Row& r : rows) {
    if (out.empty() || out.back().id != r.Text(0)) out.push_back(Bought{r.Text(0), r.Text(1), r.Text(2), {}, {}});
    auto day = static_cast<int32_t>(r.Int(3));
    if (out.back().days.empty() || out.back().days.back() != day) out.back().days.push_back(day);
  }
  for (Bought& b : out) b.rhythm = RhythmOf(b.days, today);
  std::sort(out.begin(), out.end(), [](const Bought& x, const Bought& y) {
    return x.days.back() != y.days.back() ? x.days.back() > y.days.back() : x.sku < y.sku;
  });
  return out;
}

// Products that pair rules suggest after what the customer bought: never one it has,
// unless that product's own rhythm says it is due again. Best confidence first.
json::array Recommendations(const Analysis& a, const std::vector<Bought>& bought) {
  std::map<uint32_t, const Bought*> owned;
  for (const Bought& b : bought)
    if (auto it = a.product_index.find(b.id); it != a.product_index.end()) owned[it->second] = &b;
  struct Candidate {
    double confidence = 0, lift = 0, support = 0;
    std::vector<uint32_t> because;
  };
  std::map<uint32_t, Candidate> candidates;
  for (const Rule& r : a.rules) {
    uint32_t from = r.antecedent[0], to = r.consequent[0];
    if (!owned.count(from)) continue;
    if (auto it = owned.find(to); it != owned.end()) {
      DueStatus s = it->second->rhythm.status;
      if (s != DueStatus::kDue && s != DueStatus::kOverdue) continue;
    }
    Candidate& c = candidates[to];
    c.because.push_back(from);
    if (r.confidence > c.confidence || (r.confidence == c.confidence && r.lift > c.lift))
      c.confidence = r.confidence, c.lift = r.lift, c.support = r.support;
  }
  std::vector<std::pair<uint32_t, Candidate>> ranked(candidates.begin(), candidates.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    if (x.second.confidence != y.second.confidence) return x.second.confidence > y.second.confidence;
    return x.second.lift > y.second.lift;
  });
  json::array out;
  for (size_t i = 0; i < ranked.size() && i < 5; ++i) {
    const auto& [product, c] = ranked[i];
    json::array because;
    for (uint32_t b : c.because) because.push_back(json::string(a.products[b].sku));
    out.push_back(json::object{{"product_id", a.products[product].id},
                               {"sku", a.products[product].sku},
                               {"name", a.products[product].name},
                               {"score", Round(c.confidence * 100, 10)},
                               {"because", because},
                               {"confidence", Round(c.confidence, 1e4)},
                               {"lift", Round(c.lift, 1e3)},
                               {"due_again", owned.count(product) > 0}});
  }
  return out;
}

HealthInputs ServiceSignals(Tx& tx, const std::string& contact_id, const std::string& phase) {
  HealthInputs in;
  in.phase = phase;
  std::string since = FormatTime(Now() - std::chrono::hours(24 * 180));
  std::tie(in.open_complaints, in.recent_breaches) = CaseService::OpenComplaintsAndBreachesInTx(tx, contact_id, since);
  in.recent_negative = InteractionService::NegativeSentimentInTx(tx, contact_id, since);
  return in;
}

json::object HealthJson(const Health& h) {
  json::array reasons;
  for (const auto& r : h.reasons)
    reasons.push_back(json::object{{"factor", r.factor}, {"effect", r.effect}, {"detail", r.detail}});
  return {{"score", h.score},
          {"band", h.band},
          {"reasons", reasons},
          {"drifting", h.drifting},
          {"suggested_phase", h.suggested_phase ? json::value(*h.suggested_phase) : json::value(nullptr)}};
}

}  // namespace

AnalyticsService::AnalyticsService(Db& db) : db_(db), worker_([this] { BackgroundLoop(); }) {}

AnalyticsService::~AnalyticsService() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void AnalyticsService::RegisterJobs(JobQueue& jobs) {
  // Looks every minute; recomputes when the data, the day or the setting moved and the
  // last computation is older than refresh_minutes.
  jobs.RegisterPeriodic("analytics-refresh", std::chrono::seconds(60), [this](const json::object&) {
    Key key = CurrentKey();
    std::shared_ptr<const Analysis> cur;
    {
      std::lock_guard lock(mu_);
      if (current_key_ == key) return;
      cur = current_;
    }
    int refresh_minutes = db_.Read([](Tx& tx) { return ReadAnalyticsSettings(tx).refresh_minutes; });
    if (cur) {
      auto computed = ParseTime(cur->computed_at);
      if (computed && Now() - *computed < std::chrono::minutes(refresh_minutes) && cur->today == key.today) return;
    }
    Compute(key);
  });
}

AnalyticsService::Key AnalyticsService::CurrentKey() {
  return db_.Read([](Tx& tx) {
    return Key{ReadDataVersion(tx, "orders"), Today(), json::serialize(ReadSetting(tx, AnalyticsSetting()))};
  });
}

std::shared_ptr<const Analysis> AnalyticsService::Compute(const Key& key) {
  std::lock_guard computing(computing_);
  {
    std::lock_guard lock(mu_);
    if (current_ && current_key_ == key) return current_;  // another request just did it
  }
  AnalyticsSettings settings = db_.Read([](Tx& tx) { return ReadAnalyticsSettings(tx); });
  // The snapshot carries the version it read; a write after CurrentKey makes it newer.
  auto started = std::chrono::steady_clock::now();
  Snapshot snapshot = ReadSnapshot(db_, settings, key.today);
  double snapshot_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  Key computed_key{snapshot.data_version, key.today, key.settings};
  size_t purchases = snapshot.purchases.size();
  double purchases_ms = snapshot.purchases_ms, baskets_ms = snapshot.baskets_ms;
  Analysis computed = Analyze(std::move(snapshot), settings);
  computed.timings["snapshot_ms"] = snapshot_ms;
  computed.timings["snapshot_purchases_ms"] = purchases_ms;
  computed.timings["snapshot_baskets_ms"] = baskets_ms;
  computed.timings["purchases"] = purchases;
  auto analysis = std::make_shared<const Analysis>(std::move(computed));
  spdlog::info("analytics: {} customers, {} purchases: snapshot {:.0f} ms, analysis {:.0f} ms (data version {})",
               analysis->customers.size(), purchases, snapshot_ms, analysis->compute_ms, analysis->data_version);
  std::lock_guard lock(mu_);
  current_ = analysis;
  current_key_ = computed_key;
  return analysis;
}

std::shared_ptr<const Analysis> AnalyticsService::Current(bool refresh) { return Fetch(refresh).analysis; }

AnalyticsService::Fetched AnalyticsService::Fetch(bool refresh) {
  Key key = CurrentKey();
  {
    std::lock_guard lock(mu_);
    // A small base is recomputed right away (waiting costs less than a stale answer); a
    // large one answers from the previous analysis while the worker computes anew.
    bool stale = current_ && !(current_key_ == key);
    if (current_ && !refresh && (!stale || current_->compute_ms >= kWaitBelowMs)) {
      if (stale) {
        wanted_ = true;
        wake_.notify_one();
      }
      return {current_, stale};
    }
    if (refresh) current_key_ = Key{};  // make Compute recompute even if nothing moved
  }
  auto analysis = Compute(key);
  return {analysis, analysis->data_version != key.data_version};
}

void AnalyticsService::BackgroundLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return wanted_ || stop_; });
    if (stop_) return;
    wanted_ = false;
    lock.unlock();
    try {
      Compute(CurrentKey());
    } catch (const std::exception& e) {
      spdlog::error("analytics: refresh failed: {}", e.what());
    }
    lock.lock();
  }
}

json::object AnalyticsService::Meta(const Fetched& f) {
  const Analysis& a = *f.analysis;
  return {{"as_of", DayText(a.today)},
          {"computed_at", a.computed_at},
          {"data_version", a.data_version},
          {"stale", f.stale},
          {"currency", a.currency}};
}

json::object AnalyticsService::Status(bool refresh) {
  Fetched f = Fetch(refresh);
  json::object out = Meta(f);
  out["customers"] = f.analysis->customers.size();
  out["timings"] = f.analysis->timings;
  return out;
}

json::object AnalyticsService::Customer(const std::string& contact_id, bool refresh) {
  Fetched f = Fetch(refresh);
  const Analysis& a = *f.analysis;
  auto [contact, bought, signals] = db_.Read([&](Tx& tx) {
    auto info = ContactService::BriefInTx(tx, contact_id);
    if (!info) throw Error::NotFound("No contact with id " + contact_id + ".");
    return std::make_tuple(*info, ProductsBought(tx, info->seq, a.currency, a.today),
                           ServiceSignals(tx, contact_id, info->phase));
  });
  json::object out = Meta(f);
  out["contact_id"] = contact_id;
  json::array products;
  for (const Bought& b : bought) {
    json::object p{{"product_id", b.id}, {"sku", b.sku}, {"name", b.name}, {"purchases", b.days.size()},
                   {"last_purchase", DayText(b.days.back())}};
    for (auto& [k, v] : RhythmJson(b.rhythm)) p[k] = v;
    products.push_back(std::move(p));
  }
  out["products"] = products;
  auto it = a.index.find(contact.seq);
  HealthInputs& in = signals;
  if (it == a.index.end()) {
    out["purchases"] = json::object{{"orders", 0},           {"purchase_days", 0}, {"first_purchase", nullptr},
                                    {"last_purchase", nullptr}, {"total_minor", 0},   {"average_minor", nullptr}};
    out["interval"] = RhythmJson(Rhythm{});
    out["rfm"] = nullptr;
    out["model"] = nullptr;
    out["recommendations"] = json::array{};
  } else {
    const CustomerAnalysis& c = a.customers[it->second];
    out["purchases"] = json::object{{"orders", c.orders},
                                    {"purchase_days", c.purchase_days},
                                    {"first_purchase", DayText(c.first_day)},
                                    {"last_purchase", DayText(c.last_day)},
                                    {"total_minor", c.total_minor},
                                    {"average_minor", c.total_minor / std::max(1, c.purchase_days)}};
    out["interval"] = RhythmJson(c.rhythm);
    out["rfm"] = RfmJson(a, c);
    out["model"] = ModelJson(a, c);
    out["recommendations"] = Recommendations(a, bought);
    if (a.bgnbd) in.p_alive = c.p_alive;
    in.days_since_last = a.today - c.last_day;
    in.usual_days = c.rhythm.usual_days ? c.rhythm.usual_days : a.median_usual_days;
    in.purchase_days = c.purchase_days;
  }
  out["health"] = HealthJson(ScoreHealth(in));
  return out;
}

json::object AnalyticsService::Rfm(const std::optional<std::string>& segment, const PageRequest& page, bool refresh) {
  Fetched f = Fetch(refresh);
  const Analysis& a = *f.analysis;
  json::object out = Meta(f);
  for (const auto& [k, v] : a.rfm) out[k] = v;
  if (!segment) return out;
  const auto& names = RfmSegments();
  auto want = std::find(names.begin(), names.end(), *segment);
  if (want == names.end()) throw Error::BadRequest("segment must be one of the RFM segments (champions, loyal, …).");
  uint8_t index = static_cast<uint8_t>(want - names.begin());
  // Members by monetary value, highest first.
  std::vector<uint32_t> members;
  for (uint32_t i = 0; i < a.customers.size(); ++i)
    if (a.customers[i].purchase_days > 0 && a.customers[i].rfm.segment == index) members.push_back(i);
  std::stable_sort(members.begin(), members.end(),
                   [&](uint32_t x, uint32_t y) { return a.customers[x].total_minor > a.customers[y].total_minor; });
  std::vector<int64_t> seqs;
  for (size_t i = page.offset; i < members.size() && seqs.size() < static_cast<size_t>(page.limit); ++i)
    seqs.push_back(a.contact_seqs[members[i]]);
  auto contacts = db_.Read([&](Tx& tx) { return ContactService::BriefsBySeq(tx, seqs); });
  json::array items;
  for (size_t i = 0; i < seqs.size(); ++i) {
    auto contact = contacts.find(seqs[i]);
    if (contact == contacts.end()) continue;  // deleted since
    json::object item = RfmJson(a, a.customers[members[page.offset + i]]);
    item["contact_id"] = contact->second.id;
    item["name"] = contact->second.name;
    items.push_back(std::move(item));
  }
  out["items"] = items;
  out["next_cursor"] = CursorJson(NextCursor(page.offset + seqs.size(), members.size()));
  return out;
}

json::object AnalyticsService::Clv(const PageRequest& page, bool refresh) {
  Fetched f = Fetch(refresh);
  const Analysis& a = *f.analysis;
  json::object out = Meta(f);
  for (const auto& [k, v] : a.clv) out[k] = v;
  std::vector<int64_t> seqs;
  for (size_t i = page.offset; i < a.by_clv.size() && seqs.size() < static_cast<size_t>(page.limit); ++i)
    seqs.push_back(a.contact_seqs[a.by_clv[i]]);
  auto contacts = db_.Read([&](Tx& tx) { return ContactService::BriefsBySeq(tx, seqs); });
  json::array items;
  for (size_t i = 0; i < seqs.size(); ++i) {
    auto contact = contacts.find(seqs[i]);
    if (contact == contacts.end()) continue;  // deleted since
    const CustomerAnalysis& c = a.customers[a.by_clv[page.offset + i]];
    json::object item{{"contact_id", contact->second.id}, {"name", contact->second.name}};
    if (json::value m = ModelJson(a, c); m.is_object())
      for (const auto& [k, v] : m.as_object()) item[k] = v;
    items.push_back(std::move(item));
  }
  out["items"] = items;
  out["next_cursor"] = CursorJson(NextCursor(page.offset + seqs.size(), a.by_clv.size()));
  return out;
}

json::object AnalyticsService::Affinity(int limit, bool refresh) {
  Fetched f = Fetch(refresh);
  const Analysis& a = *f.analysis;
  json::object out = Meta(f);
  auto product = [&](uint32_t i) {
    return json::array{json::object{{"product_id", a.products[i].id}, {"sku", a.products[i].sku}, {"name", a.products[i].name}}};
  };
  json::array rules;
  for (size_t i = 0; i < a.rules.size() && i < static_cast<size_t>(limit); ++i) {
    const Rule& r = a.rules[i];
    rules.push_back(json::object{{"antecedent", product(r.antecedent[0])}, {"consequent", product(r.consequent[0])},
                                 {"support", Round(r.support, 1e6)}, {"confidence", Round(r.confidence, 1e6)},
                                 {"lift", Round(r.lift, 1e6)}});
  }
  out["baskets"] = a.baskets;
  out["rules_total"] = a.rules.size();
  out["rules"] = rules;
  return out;
}

json::object AnalyticsService::Due(const std::optional<std::string>& owner_id, const std::optional<std::string>& status,
                                   const PageRequest& page, bool refresh) {
  if (status && *status != "due" && *status != "overdue") throw Error::BadRequest("status must be due or overdue.");
  Fetched f = Fetch(refresh);
  const Analysis& a = *f.analysis;
  json::object out = Meta(f);
  json::array items;
  size_t next = page.offset;
  // Walk the due list in chunks, keeping the customers that match, until the page is full.
  while (next < a.due.size() && items.size() < static_cast<size_t>(page.limit)) {
    std::vector<int64_t> seqs;
    for (size_t i = next; i < a.due.size() && seqs.size() < 500; ++i) seqs.push_back(a.contact_seqs[a.due[i]]);
    auto contacts = db_.Read([&](Tx& tx) { return ContactService::BriefsBySeq(tx, seqs); });
    size_t i = 0;
    for (; i < seqs.size() && items.size() < static_cast<size_t>(page.limit); ++i) {
      const CustomerAnalysis& c = a.customers[a.due[next + i]];
      auto contact = contacts.find(seqs[i]);
      if (contact == contacts.end()) continue;  // deleted since
      if (owner_id && contact->second.owner_id != *owner_id) continue;
      if (status && DueStatusName(c.rhythm.status) != *status) continue;
      json::object item{{"contact_id", contact->second.id},
                        {"name", contact->second.name},
                        {"owner_id", contact->second.owner_id ? json::value(*contact->second.owner_id) : nullptr},
                        {"last_purchase", DayText(c.last_day)},
                        {"purchase_days", c.purchase_days}};
      for (auto& [k, v] : RhythmJson(c.rhythm)) item[k] = v;
      items.push_back(std::move(item));
    }
    next += i;
  }
  out["items"] = items;
  out["next_cursor"] = CursorJson(NextCursor(next, a.due.size()));
  out["total"] = a.due.size();
  return out;
}

json::object AnalyticsService::CreateDueTasks(const std::string& actor_id, const json::object& body) {
  for (const auto& [key, value] : body)
    if (key != "contact_ids" && key != "all" && key != "owner_id")
      throw Error::Invalid({{std::string(key), "is not a field of this request"}});
  const json::value* ids_value = body.if_contains("contact_ids");
  const json::value* all = body.if_contains("all");
  bool everyone = all && all->is_bool() && all->as_bool();
  if (all && !all->is_bool()) throw Error::Invalid({{"all", "must be true or false"}});
  if (!everyone && (!ids_value || !ids_value->is_array() || ids_value->as_array().empty()))
    throw Error::Invalid({{"contact_ids", "must be a list of 1 to 500 contact ids, or give \"all\": true"}});
  std::optional<std::string> owner;
  if (const json::value* o = body.if_contains("owner_id"); o && !o->is_null()) {
    if (!o->is_string()) throw Error::Invalid({{"owner_id", "must be a user id"}});
    owner = std::string(o->as_string());
  }
  auto a = Current();
  std::vector<uint32_t> wanted;
  if (everyone) {
    wanted = a->due;
  } else {
    const json::array& ids = ids_value->as_array();
    if (ids.size() > 500) throw Error::Invalid({{"contact_ids", "at most 500 at a time"}});
    for (size_t i = 0; i < ids.size(); ++i) {
      std::string field = fmt::format("contact_ids[{}]", i);
      if (!ids[i].is_string()) throw Error::Invalid({{field, "must be a contact id"}});
      auto contact = db_.Read([&](Tx& tx) { return ContactService::BriefInTx(tx, std::string(ids[i].as_string())); });
      if (!contact) throw Error::Invalid({{field, "is not a contact"}});
      auto it = a->index.find(contact->seq);
      if (it == a->index.end() || !a->customers[it->second].rhythm.next_due)
        throw Error::Invalid({{field, "has no purchase rhythm (needs two purchase days)"}});
      wanted.push_back(it->second);
    }
  }
  int created = 0, skipped = 0;
  json::array task_ids;
  for (size_t start = 0; start < wanted.size(); start += 500) {
    size_t end = std::min(wanted.size(), start + 500);
    std::vector<int64_t> seqs;
    for (size_t i = start; i < end; ++i) seqs.push_back(a->contact_seqs[wanted[i]]);
    auto [made, passed] = db_.Write([&](Tx& tx) {
      int created = 0, skipped = 0;  // per attempt: PostgreSQL may run this again
      auto contacts = ContactService::BriefsBySeq(tx, seqs);
      for (size_t i = start; i < end; ++i) {
        const CustomerAnalysis& c = a->customers[wanted[i]];
        auto contact = contacts.find(a->contact_seqs[wanted[i]]);
        if (contact == contacts.end() || (owner && contact->second.owner_id != *owner)) continue;
        const std::string& id = contact->second.id;
        Task t;
        std::string due = DayText(std::max(a->today, *c.rhythm.next_due));
        t.title = fmt::format("Purchase due: {} (usually every {} days, last bought {})", contact->second.name,
                              *c.rhythm.usual_days, DayText(c.last_day));
        t.kind = "call";
        t.due_at = due + "T09:00:00.000Z";
        t.assignee_id = contact->second.owner_id.value_or(actor_id);
        t.contact_id = id;
        t.source = "purchase-due";
        t.created_by = actor_id;
        // Never two open purchase-due tasks for one customer (two requests at once queue
        // up on the lock); once it is done or cancelled, a new one can be made.
        tx.LockKey("purchase-due:" + id);
        if (TaskService::HasOpenFromInTx(tx, id, "purchase-due")) {
          ++skipped;
          continue;
        }
        TaskService::CreateFollowUp(tx, std::move(t));
        ++created;
      }
      return std::make_pair(created, skipped);
    });
    created += made, skipped += passed;
  }
  return json::object{{"created", created}, {"skipped", skipped}};
}

}  // namespace hearth
