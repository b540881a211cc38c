// newsclip/segment.h: finds where each article of a page begins and ends.
//
// A scoring segmenter: every headline-like line gets a start score from the lines around it
// (a byline, date or dateline after it; an end marker, credit or chrome before it; a date line
// above it; a teaser cut with "..." below it; low lexical cohesion between the text before and
// after it), and a line whose score reaches SegmentOptions::start_threshold starts an article.
// Body text that stands outside every article (after an end marker, at the page start) starts an
// article without a title. Lines after an article's last content line are page chrome.
//
//   newsclip::Segmenter segmenter;
//   std::vector<newsclip::Segment> segments = segmenter.Split(text, lines, nullptr);
//
// Thread-safe: Split is const.
#ifndef NEWSCLIP_SEGMENT_H_
#define NEWSCLIP_SEGMENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsclip/types.h"

namespace newsclip {

struct SegmentOptions {
  float start_threshold = 3.0f;  // minimum start score of a headline line (3.0)
  float main_story_margin = 2.0f;  // extra start score needed inside the page-titled story (2.0)
  float cohesion_low = 0.12f;    // word overlap below which text before and after a line differ (0.12)
  uint32_t cohesion_window = 4;  // lines on each side compared for cohesion (4)
  float low_cohesion_weight = 1.5f;  // score a change of topic adds to a headline-like line (2.0)
  uint32_t long_title_words = 7;  // a Latin headline this long after a topic change gets +1 (7)
  uint32_t min_untitled_chars = 60;  // a body line this long may start an article without title (60)
};

struct Segment {
  uint32_t first = 0;  // 0-based, inclusive
  uint32_t last = 0;
  std::optional<uint32_t> title_line;
};

// Why a line got its start score, for `newsclip explain`.
struct StartScore {
  float score = 0;
  std::string reasons;  // e.g. "+3 meta-below +2 after-end"
};

class Segmenter {
 public:
  explicit Segmenter(SegmentOptions options = {});

  // The articles of a page, in order, not overlapping. When `scores` is not null it receives the
  // start score of every line.
  std::vector<Segment> Split(std::string_view text, const std::vector<Line>& lines,
                             std::vector<StartScore>* scores) const;

 private:
  SegmentOptions options_;
};

}  // namespace newsclip

#endif  // NEWSCLIP_SEGMENT_H_
