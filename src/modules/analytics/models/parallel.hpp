// Sums f(i) for i in [0, n) on every core when n is large enough to pay for the threads.
// Each thread adds its own share in index order, so a result is the same from run to run.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace hearth::analytics {

template <typename F>
double ParallelSum(size_t n, F f) {
  size_t threads = std::max<size_t>(1, std::thread::hardware_concurrency());
  if (n < 20'000 || threads == 1) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += f(i);
    return sum;
  }
  std::vector<double> partial(threads, 0.0);
  std::vector<std::thread> pool;
  size_t chunk = (n + threads - 1) / threads;
  for (size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      double sum = 0;
      for (size_t i = t * chunk; i < std::min(n, (t + 1) * chunk); ++i) sum += f(i);
      partial[t] = sum;
    });
  }
  for (auto& th : pool) th.join();
  double sum = 0;
  for (double p : partial) sum += p;
  return sum;
}

// Runs f(i) for i in [0, n) on every core.
template <typename F>
void ParallelFor(size_t n, F f) {
  size_t threads = std::max<size_t>(1, std::thread::hardware_concurrency());
  if (n < 5'000 || threads == 1) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::vector<std::thread> pool;
  size_t chunk = (n + threads - 1) / threads;
  for (size_t t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (size_t i = t * chunk; i < std::min(n, (t + 1) * chunk); ++i) f(i);
    });
  for (auto& th : pool) th.join();
}

}  // namespace hearth::analytics
