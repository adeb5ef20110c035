#include "modules/companies/company_store.hpp"

#include "core/text_fold.hpp"

namespace hearth {

namespace {

std::string SearchText(const Company& c) {
  return FoldText(c.name + " " + c.domain.value_or("") + " " + c.phone.value_or(""));
}

}  // namespace

json::object ToJson(const Company& c) {
  return json::object{{"id", c.id},
                      {"name", c.name},
                      {"domain", OptionalString(c.domain)},
                      {"industry", OptionalString(c.industry)},
                      {"owner_id", OptionalString(c.owner_id)},
                      {"phone", OptionalString(c.phone)},
                      {"address", OptionalString(c.address)},
                      {"archived_at", OptionalString(c.archived_at)},
                      {"created_at", c.created_at},
                      {"updated_at", c.updated_at},
                      {"version", c.version}};
}

const char* CompanyStore::Columns() {
  return "companies.id, companies.name, companies.domain, companies.industry, companies.owner_id, "
         "companies.phone, companies.address, companies.archived_at, companies.created_at, companies.updated_at, "
         "companies.version";
}

Company CompanyStore::FromRow(const Row& r) {
  Company c;
  c.id = r.Text(0);
  c.name = r.Text(1);
  c.domain = r.OptText(2);
  c.industry = r.OptText(3);
  c.owner_id = r.OptText(4);
  c.phone = r.OptText(5);
  c.address = r.OptText(6);
  c.archived_at = r.OptText(7);
  c.created_at = r.Text(8);
  c.updated_at = r.Text(9);
  c.version = r.Int(10);
  return c;
}

std::optional<Company> CompanyStore::Get(Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + Columns() + " FROM companies WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

void CompanyStore::Insert(Tx& tx, const Company& c) {
  tx.Exec("INSERT INTO companies (id, name, domain, industry, owner_id, phone, address, search, name_key, "
          "archived_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {c.id, c.name, c.domain, c.industry, c.owner_id, c.phone, c.address, SearchText(c), FoldText(c.name),
           c.archived_at, c.created_at, c.updated_at, c.version});
}

void CompanyStore::Update(Tx& tx, const Company& c) {
  tx.Exec("UPDATE companies SET name = ?, domain = ?, industry = ?, owner_id = ?, phone = ?, address = ?, "
          "search = ?, name_key = ?, archived_at = ?, updated_at = ?, version = ? WHERE id = ?",
          {c.name, c.domain, c.industry, c.owner_id, c.phone, c.address, SearchText(c), FoldText(c.name),
           c.archived_at, c.updated_at, c.version, c.id});
}

std::optional<std::string> CompanyStore::Name(Tx& tx, const std::string& id) {
  auto row = tx.QueryOne("SELECT name FROM companies WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

}  // namespace hearth
