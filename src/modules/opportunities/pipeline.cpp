#include "modules/opportunities/pipeline.hpp"

#include "core/error.hpp"
#include "core/validation.hpp"
#include "modules/opportunities/opportunity_store.hpp"

#include <algorithm>
#include <set>

namespace hearth {

namespace {

constexpr size_t kMaxStages = 20;

json::object StageJson(std::string_view key, std::string_view name, int64_t probability) {
  return json::object{{"key", key}, {"name", name}, {"probability", probability}};
}

bool IsStageKey(std::string_view key) {
  return !key.empty() && key.size() <= 40 && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Reads one stage of a PUT body; nullopt (errors added to v) when it is not valid.
std::optional<PipelineStage> ReadStage(Validator& v, const json::value& item, size_t i) {
  std::string prefix = "stages[" + std::to_string(i) + "]";
  if (!item.is_object()) {
    v.Add(prefix, "must be an object");
    return std::nullopt;
  }
  Validator in(item.as_object(), prefix + ".");
  in.RejectUnknown({"key", "name", "probability"});
  auto key = in.Text("key", 40);
  auto name = in.Text("name", 100);
  auto probability = in.Int("probability", 0, 100);
  in.Require("key", key);
  if (key.is_set() && !IsStageKey(*key.value)) in.Add("key", "must be 1 to 40 lower-case letters, digits or _");
  bool closing = key.is_set() && (*key.value == "won" || *key.value == "lost");
  if (!closing) in.Require("probability", probability);
  bool ok = in.errors().empty();
  for (auto& e : in.errors()) v.Add(e.field, e.message);
  if (!ok) return std::nullopt;
  return PipelineStage{*key.value, name.value.value_or(*key.value), probability.value.value_or(0)};
}

json::object ValidatePipeline(const json::object& body, const json::object& current) {
  Validator v(body);
  v.RejectUnknown({"stages"}, {"updated_at", "updated_by"});
  const json::value* stages = body.if_contains("stages");
  if (!stages) return current;
  if (!stages->is_array() || stages->as_array().empty() || stages->as_array().size() > kMaxStages) {
    v.Add("stages", "must be an array of 1 to " + std::to_string(kMaxStages) + " stages");
    v.Finish();
  }
  json::array out;
  std::set<std::string> keys;
  std::string won_name = "Won", lost_name = "Lost";
  const json::array& items = stages->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    auto stage = ReadStage(v, items[i], i);
    if (!stage) continue;
    if (!keys.insert(stage->key).second) v.Add("stages[" + std::to_string(i) + "].key", "is used twice");
    // won and lost always close the pipeline, whatever their place in the body.
    if (stage->key == "won") won_name = stage->name;
    else if (stage->key == "lost") lost_name = stage->name;
    else out.push_back(StageJson(stage->key, stage->name, stage->probability));
  }
  if (out.empty() && !v.HasError("stages")) v.Add("stages", "needs at least one open stage besides won and lost");
  v.Finish();
  out.push_back(StageJson("won", won_name, 100));
  out.push_back(StageJson("lost", lost_name, 0));
  return json::object{{"stages", std::move(out)}};
}

void CheckStagesInUse(Tx& tx, const json::object& value) {
  std::set<std::string> kept;
  for (const auto& s : value.at("stages").as_array()) kept.insert(std::string(s.at("key").as_string()));
  for (const std::string& used : OpportunityStore::OpenStages(tx))
    if (!kept.count(used))
      throw Error::Conflict("stage-in-use", "Open opportunities are in stage " + used +
                                                "; move them to another stage before removing it.")
          .With("stage", json::string(used));
}

}  // namespace

const Setting& PipelineSetting() {
  static const Setting setting{
      .key = "pipeline",
      .defaults = json::object{{"stages", json::array{StageJson("qualification", "Qualification", 10),
                                                      StageJson("needs_analysis", "Needs analysis", 25),
                                                      StageJson("proposal", "Proposal", 50),
                                                      StageJson("negotiation", "Negotiation", 75),
                                                      StageJson("won", "Won", 100), StageJson("lost", "Lost", 0)}}},
      .validate = ValidatePipeline,
      .check = CheckStagesInUse,
  };
  return setting;
}

std::vector<PipelineStage> ReadPipeline(Tx& tx) {
  std::vector<PipelineStage> out;
  json::object doc = ReadSetting(tx, PipelineSetting());
  for (const auto& s : doc.at("stages").as_array()) {
    const json::object& o = s.as_object();
    out.push_back(PipelineStage{std::string(o.at("key").as_string()), std::string(o.at("name").as_string()),
                                o.at("probability").to_number<int64_t>()});
  }
  return out;
}

std::optional<PipelineStage> FindStage(const std::vector<PipelineStage>& stages, std::string_view key) {
  for (const auto& s : stages)
    if (s.key == key) return s;
  return std::nullopt;
}

}  // namespace hearth
