// The sales pipeline: the ordered stages an opportunity moves through, each with a
// probability (0–100), stored as the setting `pipeline` (GET any staff, PUT admin).
// The last two stages are always `won` (100) and `lost` (0): a PUT may rename them but
// not remove them or change their probabilities, and needs at least one open stage.
// A stage an open opportunity is in cannot be removed (409 `stage-in-use`).
#pragma once

#include "modules/settings/settings.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct PipelineStage {
  std::string key, name;
  int64_t probability = 0;
};

const Setting& PipelineSetting();

// The stages in order (open ones first, then won and lost).
std::vector<PipelineStage> ReadPipeline(Tx& tx);
std::optional<PipelineStage> FindStage(const std::vector<PipelineStage>& stages, std::string_view key);

}  // namespace hearth
