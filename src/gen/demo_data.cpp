#include "gen/demo_data.hpp"

#include "auth/password.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/text_fold.hpp"
#include "core/time.hpp"
#include "gen/demo_cases.hpp"
#include "modules/companies/company_store.hpp"
#include "modules/contacts/contact_store.hpp"
#include "modules/interactions/interaction_store.hpp"
#include "modules/timeline/timeline_service.hpp"

#include <array>
#include <chrono>
#include <random>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace hearth {

namespace {

struct Locale {
  std::vector<std::string_view> first_names;
  std::vector<std::string_view> last_names;
  std::vector<std::string_view> company_words;
  std::string_view company_suffix;
  std::string_view tld;
  std::string_view phone_prefix;   // country code
  std::vector<std::string_view> mobile_starts;
  int subscriber_digits;           // digits after the mobile start
};

const std::array<Locale, 4>& Locales() {
  static const std::array<Locale, 4> locales = {{
      {{"Øystein", "Søren", "Kari", "Ingrid", "Ola", "Åse", "Bjørn", "Sigrid", "Håkon", "Marit", "Jørgen", "Solveig",
        "Tor", "Liv", "Eirik", "Ragnhild", "Knut", "Astrid", "Magnus", "Nora", "Sindre", "Ingeborg", "Ståle", "Tove"},
       {"Øvrebø", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
        "Karlsen", "Johnsen", "Haugen", "Bakken", "Solberg", "Strøm", "Sæther", "Løkken", "Berg", "Dahl", "Hagen",
        "Eriksen", "Aas", "Bråten"},
       {"Fjord", "Nordlys", "Vestland", "Bølge", "Fjell", "Havbris", "Skog", "Elv", "Polar", "Viking"},
       "AS", "no", "+47", {"4", "9"}, 7},
      {{"Søren", "Mette", "Lars", "Anne", "Jens", "Kirsten", "Niels", "Hanne", "Mads", "Lene", "Rasmus", "Maja",
        "Frederik", "Ida", "Anders", "Freja", "Mikkel", "Signe", "Christian", "Louise"},
       {"Jørgensen", "Nielsen", "Christensen", "Sørensen", "Rasmussen", "Møller", "Madsen", "Kristensen", "Poulsen",
        "Thomsen", "Mortensen", "Østergaard", "Frederiksen", "Holm", "Skov", "Bæk", "Lund", "Friis"},
       {"Dansk", "Kyst", "Bølgen", "Strand", "Hygge", "Nordsø", "Ærø", "Lys", "Havn", "Mark"},
       "ApS", "dk", "+45", {"20", "30", "40", "50", "60"}, 6},
      {{"Žiga", "Špela", "Luka", "Maja", "Matej", "Nina", "Jure", "Tjaša", "Gašper", "Ana", "Rok", "Urška", "Blaž",
        "Katja", "Aljaž", "Mojca", "Domen", "Petra", "Primož", "Nataša"},
       {"Šuštar", "Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar", "Kos", "Vidmar",
        "Golob", "Turk", "Božič", "Kralj", "Žagar", "Zupan", "Bizjak", "Hribar", "Korošec"},
       {"Alpe", "Triglav", "Sava", "Soča", "Kras", "Lipa", "Bled", "Pohorje", "Drava", "Kamnik"},
       "d.o.o.", "si", "+386", {"31", "40", "41", "51", "70"}, 6},
      {{"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "Charlie", "Sophie", "Thomas", "Grace",
        "William", "Lily", "James", "Freya", "Henry", "Ella", "Alfie", "Chloe"},
       {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "O'Brien", "Clarke"},
       {"Thames", "Albion", "Harbour", "Oak", "Bridge", "Crown", "Summit", "Meadow", "Beacon", "Granite"},
       "Ltd", "co.uk", "+44", {"7700 9"}, 5},
  }};
  return locales;
}

constexpr std::array<std::string_view, 8> kIndustries = {"Retail", "Manufacturing", "Software", "Hospitality",
                                                         "Healthcare", "Energy", "Logistics", "Finance"};
constexpr std::array<std::string_view, 5> kCompanyKinds = {"Handel", "Consult", "Tech", "Group", "Partners"};
constexpr std::array<std::string_view, 5> kPhases = {"exploration", "awareness", "expansion", "commitment",
                                                     "dissolution"};
constexpr std::array<std::string_view, 6> kRelationships = {"transactional", "personal", "dedicated",
                                                            "self_service", "automated", "community"};
constexpr std::array<std::string_view, 8> kTags = {"vip", "newsletter", "partner", "b2b", "event-2026",
                                                   "referral", "churn-risk", "upsell"};
constexpr std::array<std::string_view, 6> kTitles = {"CEO", "Head of Sales", "Purchasing Manager", "CFO",
                                                     "Office Manager", "IT Lead"};
constexpr std::array<std::string_view, 3> kFreeMail = {"gmail.com", "outlook.com", "hotmail.com"};

// ASCII slug for emails and domains: Øvrebø → ovrebo, O'Brien → obrien.
std::string Slug(std::string_view text) {
  std::string folded = FoldText(text), out;
  for (char c : folded)
    if (c != ' ') out += c;
  return out;
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  template <class List>
  const auto& Pick(const List& list) {
    return list[std::uniform_int_distribution<size_t>(0, list.size() - 1)(rng_)];
  }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string Phone(const Locale& l) {
    std::string number = std::string(l.phone_prefix) + std::string(Pick(l.mobile_starts));
    for (int i = 0; i < l.subscriber_digits; ++i) number += static_cast<char>('0' + Int(0, 9));
    std::string e164;
    for (char c : number)
      if (c != ' ') e164 += c;
    return e164;
  }

  std::string Date(int from_year, int to_year) {
    char buf[11];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", Int(from_year, to_year), Int(1, 12), Int(1, 28));
    return buf;
  }

  std::mt19937_64& engine() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// A bulk load into SQLite is fastest with no secondary index to keep current: inserting
// a million rows into a dozen B-trees in random key order costs far more than building
// each index once, sorted, at the end; and the FTS5 trigram insert triggers cost about
// ten times more per row than one rebuild. So, inside the caller's transaction, the
// loaded tables' indexes and FTS insert triggers are dropped, and Resume() recreates
// them from the SQL the migrations stored in sqlite_master and rebuilds the search
// indexes. If anything throws, the transaction rolls back and nothing was ever gone.
class BulkLoad {
 public:
  BulkLoad(Tx& tx, Dialect dialect) : tx_(tx) {
    if (dialect != Dialect::kSqlite) return;
    // Keep the pages being loaded in memory (1 GiB at most, this process only) rather
    // than spilling to the WAL and reading them back.
    tx_.ExecScript("PRAGMA cache_size=-1048576");
    for (const Row& r : tx_.Query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                  "AND tbl_name IN ('companies', 'contacts', 'contact_tags', 'interactions', "
                                  "'timeline_events', 'cases', 'case_messages')"))
      indexes_.emplace_back(r.Text(0), r.Text(1));
    for (const Row& r : tx_.Query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_insert'"))
      triggers_.emplace_back(r.Text(0), r.Text(1));
    for (const auto& [name, sql] : indexes_) tx_.ExecScript("DROP INDEX " + name);
    for (const auto& [name, sql] : triggers_) tx_.ExecScript("DROP TRIGGER " + name);
  }
  void Resume() {
    for (const auto& [name, sql] : indexes_) tx_.ExecScript(sql);
    for (const auto& [name, sql] : triggers_) {
      std::string table = name.substr(0, name.size() - std::string("_insert").size());
      tx_.ExecScript("INSERT INTO " + table + " (" + table + ") VALUES ('rebuild')");
      tx_.ExecScript(sql);
    }
    indexes_.clear();
    triggers_.clear();
  }

 private:
  Tx& tx_;
  std::vector<std::pair<std::string, std::string>> indexes_;
  std::vector<std::pair<std::string, std::string>> triggers_;
};

constexpr std::array<std::string_view, 11> kChannels = {"phone", "email", "meeting", "visit", "letter", "video",
                                                     "chat", "sms", "social", "portal", "other"};
constexpr std::array<std::string_view, 6> kOutcomes = {"reached", "follow_up", "interested", "no_answer",
                                                       "failed", "complaint"};
constexpr std::array<std::string_view, 6> kSubjects = {"Quarterly check-in", "Renewal", "Delivery question",
                                                       "New offer", "Invoice", "Onboarding"};

// Interactions over the last three years, each with its timeline entry, and the
// per-contact activity figures the early-warning rules read. The first busy_contacts
// contacts get 10,000 interactions each (long timelines for the benchmark).
int64_t GenerateInteractions(Tx& tx, Generator& g, const GenOptions& options,
                             const std::vector<std::string>& contact_ids, const std::vector<std::string>& owners) {
  if (options.interactions <= 0 || contact_ids.empty()) return 0;
  struct Activity {
    int64_t count = 0, first = 0, last = 0;
  };
  std::unordered_map<size_t, Activity> activity;
  int64_t now_s = UnixSeconds(Now());
  constexpr int64_t kSpan = 3 * 365 * 86400;
  std::string created = NowText();
  auto busy = static_cast<size_t>(std::min<int64_t>(options.busy_contacts, static_cast<int64_t>(contact_ids.size())));
  int64_t made = 0;
  for (int64_t n = 0; n < options.interactions; ++n) {
    size_t who = static_cast<int64_t>(n) < static_cast<int64_t>(busy) * 10000
                     ? static_cast<size_t>(n / 10000)
                     : static_cast<size_t>(g.Int(0, static_cast<int>(contact_ids.size()) - 1));
    int64_t at_s = now_s - (static_cast<int64_t>(g.Int(0, 1 << 30)) % kSpan);
    Interaction i;
    i.id = NewId("int");
    i.contact_id = contact_ids[who];
    if (!owners.empty()) i.user_id = g.Pick(owners);
    i.channel = std::string(g.Pick(kChannels));
    i.direction = g.Chance(0.6) ? "outbound" : "inbound";
    i.occurred_at = FormatTime(SysTime(std::chrono::seconds(at_s)));
    i.subject = std::string(g.Pick(kSubjects));
    if (g.Chance(0.3)) i.notes = "Talked about **" + *i.subject + "**; next step agreed.";
    i.outcome = std::string(g.Pick(kOutcomes));
    if (g.Chance(0.7)) i.sentiment = g.Int(-2, 2);
    i.created_at = i.updated_at = created;
    InteractionStore::Insert(tx, i);
    json::object data{{"channel", i.channel}, {"direction", i.direction}};
    if (i.sentiment) data["sentiment"] = *i.sentiment;
    TimelineService::Append(tx, TimelineEvent{i.contact_id, "interaction", i.occurred_at, i.id,
                                              i.direction + " " + i.channel + ": " + *i.subject, i.user_id,
                                              std::move(data)});
    Activity& a = activity[who];
    a.first = a.count == 0 ? at_s : std::min(a.first, at_s);
    a.last = a.count == 0 ? at_s : std::max(a.last, at_s);
    ++a.count;
    ++made;
  }
  for (const auto& [who, a] : activity)
    tx.Exec("INSERT INTO contact_activity (contact_id, interactions, first_at_s, last_at_s) VALUES (?, ?, ?, ?)",
            {contact_ids[who], a.count, a.first, a.last});
  return made;
}

}  // namespace

GenReport GenerateDemoData(Db& db, const GenOptions& options) {
  auto started = std::chrono::steady_clock::now();
  Generator g(options.seed);
  GenReport report;
  const auto& locales = Locales();
  std::string now = NowText();

  // Owners: staff who can be reset to sign in (`hearth user reset-password`).
  std::vector<std::string> owners;
  std::string unusable_hash = HashPassword(NewSecretToken(""));
  db.Write([&](Tx& tx) {
    for (int i = 0; i < options.owners; ++i) {
      const Locale& l = locales[i % locales.size()];
      std::string first(g.Pick(l.first_names)), last(g.Pick(l.last_names));
      std::string email = Slug(first) + "." + Slug(last) + "." + std::to_string(i + 1) + "@hearth.demo";
      if (tx.QueryOne("SELECT 1 FROM users WHERE email_key = ?", {email})) continue;
      std::string id = NewId("usr");
      tx.Exec("INSERT INTO users (id, email, email_key, name, role, password_hash, active, created_at, updated_at, "
              "version) VALUES (?, ?, ?, ?, 'agent', ?, 1, ?, ?, 1)",
              {id, email, email, first + " " + last, unusable_hash, now, now});
      owners.push_back(id);
      ++report.owners;
    }
  });
  if (owners.empty()) {
    Rows rows = db.Read([](Tx& tx) { return tx.Query("SELECT id FROM users WHERE active = 1"); });
    for (const Row& r : rows) owners.push_back(r.Text(0));
  }

  struct CompanyRef {
    std::string id, name, domain;
    size_t locale;
  };
  std::vector<CompanyRef> companies;
  std::vector<std::string> contact_ids;
  // One transaction: all or nothing, and (SQLite) one rebuild of the search index.
  db.Write([&](Tx& tx) {
    BulkLoad bulk(tx, db.dialect());
    for (int i = 0; i < options.companies; ++i) {
        size_t li = static_cast<size_t>(g.Int(0, static_cast<int>(locales.size()) - 1));
        const Locale& l = locales[li];
        Company c;
        c.id = NewId("com");
        c.name = std::string(g.Pick(l.company_words)) + " " + std::string(g.Pick(kCompanyKinds)) + " " +
                 std::string(l.company_suffix);
        std::string domain = Slug(c.name.substr(0, c.name.rfind(' '))) + std::to_string(i + 1) + "." + std::string(l.tld);
        c.domain = domain;
        c.industry = std::string(g.Pick(kIndustries));
        c.owner_id = owners.empty() ? std::nullopt : std::optional<std::string>(g.Pick(owners));
        c.phone = g.Phone(l);
        c.created_at = c.updated_at = now;
        CompanyStore::Insert(tx, c);
        companies.push_back({c.id, c.name, domain, li});
        ++report.companies;
    }
    for (int i = 0; i < options.contacts; ++i) {
        const CompanyRef* company = companies.empty() || g.Chance(0.2) ? nullptr : &g.Pick(companies);
        size_t li = company ? company->locale : static_cast<size_t>(g.Int(0, static_cast<int>(locales.size()) - 1));
        const Locale& l = locales[li];
        Contact c;
        c.id = NewId("con");
        c.first_name = std::string(g.Pick(l.first_names));
        c.last_name = std::string(g.Pick(l.last_names));
        std::string domain = company ? company->domain : std::string(g.Pick(kFreeMail));
        // The running number keeps every email unique, however often a name repeats.
        c.email = Slug(*c.first_name) + "." + Slug(*c.last_name) + "." + std::to_string(i + 1) + "@" + domain;
        c.phone = g.Phone(l);
        if (company) {
          c.company_id = company->id;
          c.job_title = std::string(g.Pick(kTitles));
        }
        c.kind = g.Chance(0.6) ? "customer" : "prospect";
        c.owner_id = owners.empty() || g.Chance(0.1) ? std::nullopt : std::optional<std::string>(g.Pick(owners));
        c.phase = std::string(g.Pick(kPhases));
        c.relationship_type = std::string(g.Pick(kRelationships));
        if (g.Chance(0.7)) c.birthday = g.Date(1950, 2004);
        if (c.kind == "customer") c.customer_since = g.Date(2015, 2025);
        int tag_count = g.Int(0, 2);
        for (int t = 0; t < tag_count; ++t) {
          std::string tag(g.Pick(kTags));
          if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) c.tags.push_back(tag);
        }
        c.created_at = c.updated_at = now;
        ContactStore::Insert(tx, c, company ? std::optional<std::string>(company->name) : std::nullopt);
        contact_ids.push_back(c.id);
        ++report.contacts;
    }
    report.interactions = GenerateInteractions(tx, g, options, contact_ids, owners);
    report.cases = GenerateCases(tx, options.cases, contact_ids, owners, g.engine());
    bulk.Resume();
  });
  if (contact_ids.empty() && options.orders > 0) {
    // Orders alone (`--contacts 0`): for the contacts already there.
    Rows rows = db.Read([](Tx& tx) { return tx.Query("SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY seq"); });
    for (const Row& r : rows) contact_ids.push_back(r.Text(0));
  }
  report.orders = GenerateOrders(db, options.orders, contact_ids, options.seed);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace hearth
