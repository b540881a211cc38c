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

// True when line i stands in a run of three or more one- or two-word lines ("真相 / 时政研讨 /
// 人物 / 个人专栏", "News / Sport / Weather"): a menu, whose items are no one's names.
bool InMenuRun(const std::vector<Line>& lines, uint32_t i) {
  auto tiny = [&](uint32_t j) {
    const LineFeatures& f = lines[j].f;
    return !f.blank && !f.terminal_punct && (internal::IsCjkLine(f) ? f.cjk <= 4 : f.words <= 2);
  };
  uint32_t run = 1;
  for (uint32_t j = i; j > 0 && tiny(j - 1) && run < 3; --j) ++run;
  for (uint32_t j = i + 1; j < lines.size() && tiny(j) && run < 3; ++j) ++run;
  return run >= 3;
}

namespace {

// A short line that stands more than once on the page: a widget's label or a related-story
// headline shown twice, not the story's text (whose sentences do not repeat). A long line shown
// twice is kept (a teaser's lead repeats the first paragraph of its full story), three times not
// (a photo gallery's caption); so is a section heading listed in a table of contents: its one
// copy over a paragraph.
bool RepeatedOnPage(const LineFeatures& f) {
  if (f.page_copies < 2 || f.heading_copy) return false;
  if (f.page_copies >= 3) return true;
  return internal::IsCjkLine(f) ? f.cjk <= 40 : f.words <= 15;
}

// A sentence of the story: ends like one and is long enough to be a paragraph.
bool Prose(const LineFeatures& f) {
  return f.terminal_punct && (internal::IsCjkLine(f) ? f.cjk >= 20 : f.words >= 8);
}

// True when the line before or after line i (inside the segment) is a date line.
bool NextToDateLine(const std::vector<Line>& lines, uint32_t i, const Segment& segment) {
  if (i > segment.first && lines[i - 1].f.date_only) return true;
  return i < segment.last && lines[i + 1].f.date_only;
}

// After the story's last paragraph, a run of short lines that are not sentences (related
// headlines, menus, tags, "2 mins read"): the page's, not the story's.
void TrailingList(const std::vector<Line>& lines, const Segment& segment, Article* article) {
  uint32_t last_prose = segment.last + 1;
  for (uint32_t i = segment.last + 1; i-- > segment.first;) {
    if (article->roles[i - segment.first] == Role::kBody && Prose(lines[i].f)) {
      last_prose = i;
      break;
    }
  }
  if (last_prose > segment.last) return;
  uint32_t body = 0, short_lines = 0;
  for (uint32_t i = last_prose + 1; i <= segment.last; ++i) {
    if (article->roles[i - segment.first] != Role::kBody || lines[i].f.blank) continue;
    if (body == 0 && lines[i].f.colon) return;  // "Sources:": a list the story introduces
    ++body;
    if (!lines[i].f.terminal_punct && !lines[i].f.wrapped) ++short_lines;
  }
  if (body < 3 || short_lines * 4 < body * 3) return;
  for (uint32_t i = last_prose + 1; i <= segment.last; ++i) {
    const size_t k = i - segment.first;
    if (article->roles[k] != Role::kBody || lines[i].f.blank) continue;
    article->roles[k] = Role::kBoilerplate;
    article->rules[k] = "trailing-list";
  }
}

// After the story, a long run where paragraphs are the exception (a list of related stories:
// kicker, headline, source, one-line summary, again and again): the page's, not the story's.
// The run goes to the article's end and follows a stretch of text where paragraphs are the rule.
void SparseTail(const std::vector<Line>& lines, const Segment& segment, Article* article) {
  std::vector<uint32_t> body;  // the article's body lines
  for (uint32_t i = segment.first; i <= segment.last; ++i) {
    if (article->roles[i - segment.first] == Role::kBody && !lines[i].f.blank) body.push_back(i);
  }
  const size_t n = body.size();
  if (n < 16) return;
  std::vector<uint32_t> dense(n + 1, 0);  // dense[k]: paragraphs among body[0..k)
  for (size_t k = 0; k < n; ++k) dense[k + 1] = dense[k] + (Prose(lines[body[k]].f) && !lines[body[k]].f.wrapped ? 1 : 0);
  // run[k]: the longest run of consecutive paragraphs in body[k..n) (text resumes there).
  // longs[k]: lines of 50 words or more in body[k..n) (a summary is short, a story's paragraphs
  // often not). stops[k]: lines that end as sentences do (Q&A lines, a quiz; not headlines).
  std::vector<uint32_t> run(n + 1, 0), longs(n + 1, 0), stops(n + 1, 0);
  for (size_t k = n, cur = 0; k-- > 0;) {
    const LineFeatures& f = lines[body[k]].f;
    stops[k] = stops[k + 1] + (f.terminal_punct ? 1 : 0);
    cur = Prose(f) ? cur + 1 : 0;
    run[k] = std::max<uint32_t>(run[k + 1], static_cast<uint32_t>(cur));
    longs[k] = longs[k + 1] + ((internal::IsCjkLine(f) ? f.cjk / 2 : f.words) >= 50 ? 1 : 0);
  }
  constexpr size_t kTail = 8, kBefore = 8;
  for (size_t k = kBefore; k + kTail <= n; ++k) {
    if (!Prose(lines[body[k - 1]].f)) continue;  // the story ends with a paragraph
    if (lines[body[k]].f.colon) continue;         // a list the story introduces
    if (lines[body[k]].f.block.main_content) continue;  // HTML: inside the story's own element
    const uint32_t tail = static_cast<uint32_t>(n - k);
    // Text before: at least 6 of the last 8 body lines are paragraphs.
    const bool text_before = 10 * (dense[k] - dense[k - kBefore]) >= 6 * kBefore;
    // Sparse after, as a whole and in its first 8 lines: few paragraphs, never three in a row.
    const bool sparse = 10 * (dense[n] - dense[k]) <= 3 * tail && dense[k + kTail] - dense[k] <= 2 && run[k] < 3;
    // Few long lines (none in the first 8) and few sentence endings (not questions and answers).
    const bool short_items = 20 * longs[k] <= tail && longs[k] == longs[k + kTail] && 5 * stops[k] <= 2 * tail &&
                             stops[k] - stops[k + kTail] <= 3;
    if (text_before && sparse && short_items) {
      for (size_t m = k; m < n; ++m) {
        const size_t r = body[m] - segment.first;
        article->roles[r] = Role::kBoilerplate;
        article->rules[r] = "sparse-tail";
      }
      return;
    }
  }
}

}  // namespace

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
  // Rendered pages often put the byline and date after a standfirst or a photo caption: within the
  // first lines of an article, a bare "By" with a line of names under it, and a date line, are
  // metadata even after the body has begun.
  uint32_t paragraphs = 0;
  auto in_window = [&](uint32_t i) { return paragraphs < 2 && i < segment.first + 14; };
  auto bare_by = [](std::string_view t) { return t == "By" || t == "by" || t == "BY" || t == "By:" || t == "BY:"; };
  for (uint32_t i = segment.first; i <= segment.last; ++i) {
    const size_t k = i - segment.first;
    const LineFeatures& f = lines[i].f;
    std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (segment.title_line && i == *segment.title_line) {
      article->roles[k] = Role::kTitle;
      continue;
    }
    if (in_window(i) && (bare_by(line) || f.label_only != Field::kNone) && i < segment.last) {
      std::string_view next = text.substr(lines[i + 1].begin, lines[i + 1].end - lines[i + 1].begin);
      if (LooksLikeNames(next) || (f.label_only != Field::kNone && f.label_only != Field::kAuthors &&
                                   lines[i + 1].f.chars <= 80)) {
        article->roles[k] = Role::kMetadata;
        article->roles[k + 1] = Role::kMetadata;
        ++i;
        continue;
      }
    }
    switch (internal::KindOf(f)) {
      case Kind::kBlank:
        if (f.repeat || f.repeated_line) {
          article->roles[k] = Role::kBoilerplate;
          article->rules[k] = f.repeat ? "repeated" : "repeated-line";
        }
        break;
      case Kind::kFragment:
        if (RepeatedOnPage(f)) {
          article->roles[k] = Role::kBoilerplate;
          article->rules[k] = "repeated-on-page";
        } else if ((in_head || (in_window(i) && NextToDateLine(lines, i, segment))) && LooksLikeNames(line) &&
                   !InMenuRun(lines, i)) {
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
        if (RepeatedOnPage(f)) {
          article->roles[k] = Role::kBoilerplate;
          article->rules[k] = "repeated-on-page";
        } else if (in_head && ((LooksLikeNames(line) && !InMenuRun(lines, i)) ||
                               (f.has_date && f.chars <= 60 && !f.terminal_punct))) {
          article->roles[k] = Role::kMetadata;
        } else if (!in_head && in_window(i) && f.date_only && f.chars <= 40) {
          article->roles[k] = Role::kMetadata;
        } else if (!in_head && in_window(i) && NextToDateLine(lines, i, segment) && LooksLikeNames(line)) {
          article->roles[k] = Role::kMetadata;  // "Angus Thompson" above "Friday 22 November 2024"
        } else {
          in_head = false;
          if (f.terminal_punct && f.words >= 12) ++paragraphs;
        }
        break;
    }
  }
  TrailingList(lines, segment, article);
  SparseTail(lines, segment, article);
}

}  // namespace newsclip
