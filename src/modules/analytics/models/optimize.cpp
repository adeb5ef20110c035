#include "modules/analytics/models/optimize.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hearth::analytics {
namespace {

using Point = std::vector<double>;

struct Simplex {
  std::vector<Point> points;
  std::vector<double> values;
};

class LogSpaceObjective {
 public:
  LogSpaceObjective(const std::function<double(const Point&)>& f, int& evaluations)
      : f_(f), evaluations_(evaluations) {}

  double operator()(const Point& log_params) const {
    Point params(log_params.size());
    for (size_t i = 0; i < params.size(); ++i) params[i] = std::exp(log_params[i]);
    ++evaluations_;
    double v = f_(params);
    return std::isfinite(v) ? v : std::numeric_limits<double>::infinity();
  }

 private:
  const std::function<double(const Point&)>& f_;
  int& evaluations_;
};

Simplex StartSimplex(const LogSpaceObjective& f, const Point& centre, double step) {
  Simplex s;
  s.points.push_back(centre);
  for (size_t i = 0; i < centre.size(); ++i) {
    Point p = centre;
    p[i] += step;
    s.points.push_back(p);
  }
  for (const auto& p : s.points) s.values.push_back(f(p));
  return s;
}

void SortSimplex(Simplex& s) {
  std::vector<size_t> order(s.points.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return s.values[a] < s.values[b]; });
  Simplex sorted;
  for (size_t i : order) {
    sorted.points.push_back(s.points[i]);
    sorted.values.push_back(s.values[i]);
  }
  s = std::move(sorted);
}

Point Along(const Point& from, const Point& to, double t) {  // from + t (to - from)
  Point p(from.size());
  for (size_t i = 0; i < p.size(); ++i) p[i] = from[i] + t * (to[i] - from[i]);
  return p;
}

bool Converged(const Simplex& s) {
  double spread = std::fabs(s.values.back() - s.values.front());
  double size = 0;
  for (size_t i = 1; i < s.points.size(); ++i)
    for (size_t j = 0; j < s.points[i].size(); ++j)
      size = std::max(size, std::fabs(s.points[i][j] - s.points[0][j]));
  // Parameters to a relative 1e-7 (they are searched as logarithms) and the likelihood to
  // 1e-11 of itself: far finer than any estimate's standard error.
  return spread <= 1e-11 * (1 + std::fabs(s.values.front())) && size <= 1e-7;
}

// One Nelder-Mead run (standard coefficients: reflect 1, expand 2, contract ½, shrink ½).
Point NelderMead(const LogSpaceObjective& f, const Point& start, double step, int max_iterations) {
  Simplex s = StartSimplex(f, start, step);
  const size_t n = start.size();
  for (int it = 0; it < max_iterations; ++it) {
    SortSimplex(s);
    if (Converged(s)) break;
    Point centroid(n, 0.0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) centroid[j] += s.points[i][j] / n;
    const Point& worst = s.points[n];
    Point reflected = Along(centroid, worst, -1.0);
    double fr = f(reflected);
    if (fr < s.values[0]) {
      Point expanded = Along(centroid, worst, -2.0);
      double fe = f(expanded);
      if (fe < fr) s.points[n] = expanded, s.values[n] = fe;
      else s.points[n] = reflected, s.values[n] = fr;
      continue;
    }
    if (fr < s.values[n - 1]) {
      s.points[n] = reflected, s.values[n] = fr;
      continue;
    }
    bool outside = fr < s.values[n];
    Point contracted = Along(centroid, outside ? reflected : worst, 0.5);
    double fc = f(contracted);
    if (fc < (outside ? fr : s.values[n])) {
      s.points[n] = contracted, s.values[n] = fc;
      continue;
    }
    for (size_t i = 1; i <= n; ++i) {
      s.points[i] = Along(s.points[0], s.points[i], 0.5);
      s.values[i] = f(s.points[i]);
    }
  }
  SortSimplex(s);
  return s.points[0];
}

}  // namespace

Minimum MinimizePositive(const std::function<double(const Point&)>& f, const Point& start, double first_step) {
  Minimum m;
  LogSpaceObjective objective(f, m.evaluations);
  Point best(start.size());
  for (size_t i = 0; i < start.size(); ++i) best[i] = std::log(start[i]);
  double best_value = objective(best);
  // Restart with a fresh simplex around the best point until it stops moving.
  double step = first_step;
  for (int restart = 0; restart < 12; ++restart) {
    Point next = NelderMead(objective, best, step, 5000);
    double value = objective(next);
    bool improved = value < best_value - 1e-10 * (1 + std::fabs(best_value));
    if (value <= best_value) best = next, best_value = value;
    if (!improved && restart > 0) break;
    step = std::min(step, 0.1);
  }
  m.params.resize(best.size());
  for (size_t i = 0; i < best.size(); ++i) m.params[i] = std::exp(best[i]);
  m.value = best_value;
  return m;
}

Minimum MinimizePositiveWithGradient(const ValueAndGradient& f, const Point& start) {
  const size_t n = start.size();
  Minimum m;
  // In θ = ln p: ∂f/∂θ = p ∂f/∂p.
  auto eval = [&](const Point& theta, Point& grad) {
    Point p(n);
    for (size_t i = 0; i < n; ++i) p[i] = std::exp(theta[i]);
    Point g(n);
    ++m.evaluations;
    double v = f(p, g);
    grad.resize(n);
    for (size_t i = 0; i < n; ++i) grad[i] = g[i] * p[i];
    return std::isfinite(v) ? v : std::numeric_limits<double>::infinity();
  };
  Point theta(n), grad;
  for (size_t i = 0; i < n; ++i) theta[i] = std::log(start[i]);
  double value = eval(theta, grad);
  std::vector<Point> h(n, Point(n, 0.0));  // inverse Hessian estimate
  for (size_t i = 0; i < n; ++i) h[i][i] = 1e-3;  // a small first step: the start is good
  for (int it = 0; it < 200; ++it) {
    Point dir(n, 0.0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) dir[i] -= h[i][j] * grad[j];
    double slope = 0;
    for (size_t i = 0; i < n; ++i) slope += grad[i] * dir[i];
    if (slope >= 0) {  // not a descent direction: start the estimate over
      for (size_t i = 0; i < n; ++i) {
        std::fill(h[i].begin(), h[i].end(), 0.0);
        h[i][i] = 1e-3;
        dir[i] = -1e-3 * grad[i];
      }
      slope = 0;
      for (size_t i = 0; i < n; ++i) slope += grad[i] * dir[i];
    }
    double t = 1;
    Point next(n), next_grad;
    double next_value = 0;
    for (int k = 0; k < 40; ++k, t *= 0.5) {
      for (size_t i = 0; i < n; ++i) next[i] = theta[i] + t * dir[i];
      next_value = eval(next, next_grad);
      if (next_value <= value + 1e-4 * t * slope) break;
    }
    if (!(next_value < value)) break;  // no progress left at double precision
    Point s(n), y(n);
    double sy = 0, step = 0;
    for (size_t i = 0; i < n; ++i) {
      s[i] = next[i] - theta[i], y[i] = next_grad[i] - grad[i];
      sy += s[i] * y[i];
      step = std::max(step, std::fabs(s[i]));
    }
    double change = value - next_value;
    theta = next, grad = next_grad, value = next_value;
    if (change <= 1e-13 * std::fabs(value) && step <= 1e-8) break;
    if (sy <= 1e-300) continue;
    // BFGS update of the inverse Hessian: H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ.
    double rho = 1 / sy;
    Point hy(n, 0.0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) hy[i] += h[i][j] * y[j];
    double yhy = 0;
    for (size_t i = 0; i < n; ++i) yhy += y[i] * hy[i];
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        h[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
  }
  m.params.resize(n);
  for (size_t i = 0; i < n; ++i) m.params[i] = std::exp(theta[i]);
  m.value = value;
  return m;
}

}  // namespace hearth::analytics
