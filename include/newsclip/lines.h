// newsclip/lines.h: splits a page into lines and computes each line's features (types.h
// LineFeatures): length and script mix, terminal punctuation, labels, bylines, datelines, dates,
// and which boilerplate or chrome rule the line matches. Every later stage reads these features
// instead of looking at the text again.
//
//   newsclip::LineSplitter splitter(matcher, normalizer, dates);
//   std::vector<newsclip::Line> lines;
//   splitter.Split(page_text, crawl_date, &lines);   // lines[i].begin/end index page_text
//
// Thread-safe: Split is const. Lines are split on '\n'; a trailing '\r' and surrounding
// whitespace are outside [begin, end). A final newline does not start an extra line.
#ifndef NEWSCLIP_LINES_H_
#define NEWSCLIP_LINES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsclip/dates.h"
#include "newsclip/normalize.h"
#include "newsclip/rules.h"
#include "newsclip/types.h"

namespace newsclip {

class BoilerplateTable;  // crawl_table.h

struct LineOptions {
  uint32_t max_date_scan_bytes = 240;  // dates are looked for in lines up to this size (240)
  // Lines repeated across the crawl (newsclip merge); they get LineFeatures::repeated_line. Not
  // owned, must outlive the splitter. (none)
  const BoilerplateTable* repeated_lines = nullptr;
};

class LineSplitter {
 public:
  LineSplitter(const RuleMatcher& matcher, const Normalizer& normalizer, const DateParser& dates,
               LineOptions options = {});

  // Replaces *lines with the lines of `text` and their features.
  void Split(std::string_view text, const std::optional<Date>& crawl_date,
             std::vector<Line>* lines) const;

  // Features of one line (already trimmed); exposed for tests and `newsclip explain`.
  LineFeatures Features(std::string_view line, const std::optional<Date>& crawl_date) const;

 private:
  const RuleMatcher& matcher_;
  const Normalizer& normalizer_;
  const DateParser& dates_;
  LineOptions options_;
};

// Splits "Headline | By Jane Roe", "Headline - By Jane Roe", "标题 本报记者 张三", "标题 文/李四" into
// the headline and the byline; false when the line does not end with a byline.
bool SplitTitleByline(std::string_view line, std::string_view* title, std::string_view* byline);

// A page's first line (a WET page's <title>) without its site suffix: "Headline | AP News" ->
// "Headline" (a suffix after the first third of the line).
std::string_view TitleStem(std::string_view first);

// Trims ASCII whitespace and Unicode spaces (U+3000, U+00A0) from both ends.
std::string_view TrimSpace(std::string_view s);

}  // namespace newsclip

#endif  // NEWSCLIP_LINES_H_
