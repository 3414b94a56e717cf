#include "engine/sheet/progress_matching.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/sheet/sheet_segments.hpp"
#include "engine/text/text_similarity.hpp"

namespace torikumi {

ProgressMatch match_progress_line(const Plan& plan, const ProgressLine& line) {
  std::vector<std::string> titles;
  for (const Task& task : plan.tasks)
    if (task.kind != TaskKind::next_year) titles.push_back(task.title);
  const TextSimilarity similarity(titles);

  std::vector<std::string> texts{line.text};
  const std::vector<Segment> segments =
      segments_of(line.source_text.empty() ? line.text : line.source_text);
  if (segments.size() > 1)
    for (const Segment& segment : segments) texts.push_back(segment.split.title);

  constexpr double kTie = 1e-9;
  const Task* best = nullptr;
  double best_score = 0;
  for (const Task& task : plan.tasks) {
    if (task.kind == TaskKind::next_year) continue;
    double score = 0;
    for (const std::string& text : texts)
      score = std::max(score, similarity.score(text, task.title));
    const bool better =
        best == nullptr || score > best_score + kTie ||
        (score > best_score - kTie && best->period != line.period && task.period == line.period);
    if (better) {
      best = &task;
      best_score = score;
    }
  }
  ProgressMatch match;
  match.score = std::round(best_score * 1000) / 1000;
  if (best != nullptr && best_score >= kProgressMatchThreshold) match.task = best->id;
  return match;
}

}  // namespace torikumi
