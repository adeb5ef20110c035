// RFM: each customer scored 1–5 on recency (days since the last purchase, fewer is
// better), frequency (purchase days) and monetary value (total merchandise value) by
// quintile, and named by a segment from R and FM, the rounded mean of F and M.
// Ties share a score: a customer's score is 1 + ⌊5 × (customers strictly worse) / n⌋, so
// equal customers always score alike (with many one-time buyers, F = 1 covers them all).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hearth::analytics {

struct RfmInput {
  int32_t recency_days;
  int32_t frequency;
  int64_t monetary_minor;
};

struct RfmScore {
  uint8_t r, f, m;
  uint8_t segment;  // index into RfmSegments()
};

struct RfmScores {
  std::vector<RfmScore> scores;  // one per input, same order
  // The smallest value (largest for recency) that earns scores 2, 3, 4 and 5.
  std::array<double, 4> recency_days{}, frequency{}, monetary_minor{};
};

RfmScores ScoreRfm(const std::vector<RfmInput>& customers);

// The segments, best first: champions, loyal, potential_loyalist, new, promising,
// need_attention, about_to_sleep, cant_lose, at_risk, hibernating, lost.
const std::vector<std::string>& RfmSegments();
uint8_t SegmentOf(int r, int f, int m);

}  // namespace hearth::analytics
