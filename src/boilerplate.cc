// Roles within an article. Rules decide boilerplate (the lines stage already matched them);
// position decides the rest: the head of an article (its lines between the title and the first
// sentence of the body) may hold unlabelled metadata, such as a line of author names or a line
// with a date, which would be body text anywhere else.
#include "newsclip/boilerplate.h"

#include <re2/re2.h>

#include "line_kind.h"

namespace newsclip {

using internal::Kind;

bool LooksLikeNames(std::string_view line) {
  // Cut a trailing " | date", " - yesterday", " · 5 hours ago" part (plain search: this runs on
  // many lines and a pattern with captures would cost more than the rest of the function).
  std::string_view head = line;
  for (std::string_view sep : {"|", "\xC2\xB7", "\xE2\x80\xA2", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    size_t at = head.find(sep);
    if (at != std::string_view::npos) head = head.substr(0, at);
  }
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  // Latin names: capitalised words (or all caps), joined by commas, "and", "&".
  static const RE2::Options kBig = [] {
    RE2::Options o;
    o.set_max_mem(32 << 20);  // \\p{L} classes repeated: the default 8 MB DFA budget runs out
    o.set_log_errors(false);
    return o;
  }();
  static const RE2 kLatin(
      "^(?:[A-Z][A-Za-z\\x{C0}-\\x{24F}'’.-]*(?:\\s+(?:van|von|de|del|der|da|di|le|la|bin|al)\\b)?"
      "(?:\\s+[A-Z][A-Za-z\\x{C0}-\\x{24F}'’.-]*){1,3})"
      "(?:\\s*(?:,|,?\\s+and|&)\\s+[A-Z][A-Za-z\\x{C0}-\\x{24F}'’.-]*(?:\\s+(?:van|von|de|del|der|da|di|le|la|bin|al)\\b)?"
      "(?:\\s+[A-Z][A-Za-z\\x{C0}-\\x{24F}'’.-]*){1,3}){0,6}$",
      kBig);
  // Chinese names: 2-4 Han characters, separated by spaces or 、.
  static const RE2 kHan("^\\p{Han}{2,4}(?:[\\s、,，]+\\p{Han}{2,4}){0,5}$");
  return RE2::FullMatch(head, kLatin) || RE2::FullMatch(head, kHan);
}

BoilerplateStage::BoilerplateStage(const RuleMatcher& matcher) : matcher_(matcher) {}

std::string BoilerplateStage::RuleName(const LineFeatures& f) const {
  if (f.boilerplate_rule >= 0) return matcher_.BoilerplateName(f.boilerplate_rule);
  if (f.chrome_rule >= 0) return matcher_.ChromeName(f.chrome_rule);
  return "";
}

void BoilerplateStage::Label(std::string_view text, const std::vector<Line>& lines,
                             const Segment& segment, Article* article) const {
  article->first_line = segment.first;
  article->last_line = segment.last;
  article->title_line = segment.title_line;
  const size_t n = segment.last - segment.first + 1;
  article->roles.assign(n, Role::kBody);
  article->rules.assign(n, std::string());
  bool in_head = true;  // before the first sentence of the body
  for (uint32_t i = segment.first; i <= segment.last; ++i) {
    const size_t k = i - segment.first;
    const LineFeatures& f = lines[i].f;
    std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (segment.title_line && i == *segment.title_line) {
      article->roles[k] = Role::kTitle;
      continue;
    }
    switch (internal::KindOf(f)) {
      case Kind::kBlank:
        if (f.repeat) {
          article->roles[k] = Role::kBoilerplate;
          article->rules[k] = "repeated";
        }
        break;
      case Kind::kFragment:
        if (in_head && LooksLikeNames(line)) {
          article->roles[k] = Role::kMetadata;
        } else {
          in_head = false;  // a short sub-heading or caption: body
        }
        break;
      case Kind::kBoilerplate:
      case Kind::kChrome:
        article->roles[k] = Role::kBoilerplate;
        article->rules[k] = f.repeat ? "repeated" : RuleName(f);
        break;
      case Kind::kMeta:
        article->roles[k] = Role::kMetadata;
        break;
      case Kind::kTitleLike:
      case Kind::kBody:
        if (in_head && (LooksLikeNames(line) || (f.has_date && f.chars <= 60 && !f.terminal_punct))) {
          article->roles[k] = Role::kMetadata;
        } else {
          in_head = false;
        }
        break;
    }
  }
}

}  // namespace newsclip
