// newsclip/boilerplate.h: gives every line of an article its role: title, metadata (bylines,
// dates, labelled credits, a line of author names under the headline), boilerplate (with the rule
// that matched: end markers, share/follow/QR prompts, copyright, read-more) or body.
//
//   newsclip::BoilerplateStage stage(matcher);
//   newsclip::Article article;
//   stage.Label(text, lines, segment, &article);   // fills range, roles, rules, title_line
//
// Thread-safe: Label is const.
#ifndef NEWSCLIP_BOILERPLATE_H_
#define NEWSCLIP_BOILERPLATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "newsclip/rules.h"
#include "newsclip/segment.h"
#include "newsclip/types.h"

namespace newsclip {

class BoilerplateStage {
 public:
  explicit BoilerplateStage(const RuleMatcher& matcher);

  void Label(std::string_view text, const std::vector<Line>& lines, const Segment& segment,
             Article* article) const;

  // The rule name of a removed line: the boilerplate rule, else the chrome rule, else "".
  std::string RuleName(const LineFeatures& f) const;

 private:
  const RuleMatcher& matcher_;
};

// True when `line` is a list of personal names ("Jane Roe and John Doe", "STEVE PEOPLES, AMY
// LI", "张三 李四"), possibly followed by " | date" or " - date".
bool LooksLikeNames(std::string_view line);

// True when line i stands in a run of three or more one- or two-word lines (a menu: "News /
// Sport / Weather", "真相 / 时政研讨 / 人物"), whose items are no one's names.
bool InMenuRun(const std::vector<Line>& lines, uint32_t i);

}  // namespace newsclip

#endif  // NEWSCLIP_BOILERPLATE_H_
