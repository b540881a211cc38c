// Line features. One pass over the code points of each line counts scripts and finds the last
// meaningful character; the rule matchers and the date parser then run on the width-folded line
// (a copy only for non-ASCII lines). The date parser, the costliest step, only sees short lines
// (LineOptions::max_date_scan_bytes): long lines are body text whose dates the metadata stage
// reads itself when it needs them.
#include "newsclip/lines.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>

#include "newsclip/crawl_table.h"

namespace newsclip {

namespace {

bool IsSpaceCp(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == 0x3000 ||
         c == 0xA0 || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x200B || c == 0xFEFF;
}

bool IsCjk(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool IsClosing(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0xFF09 ||
         c == 0x300D || c == 0x300F || c == 0x3011 || c == 0xBB || c == '*';
}

bool IsTerminal(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
         c == 0xFF1B || c == 0xFF0E;
}

}  // namespace

bool SplitTitleByline(std::string_view line, std::string_view* title, std::string_view* byline) {
  // Every form holds "by"/"By"/"BY", "记者", "通讯员" or "文": a plain search first.
  bool candidate = false;
  for (std::string_view cue : {"by ", "By ", "BY ", "\xE8\xAE\xB0\xE8\x80\x85", "\xE9\x80\x9A\xE8\xAE\xAF\xE5\x91\x98", "\xE6\x96\x87"}) {
    if (line.find(cue) != std::string_view::npos) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return false;
  static const RE2 kTitleBy(
      "^(.+?)\\s*(?:[|｜丨•·]|\\s[-–—]\\s)\\s*((?i:by)\\s+.+)$|"
      "^(.+?)(?:\\s+|\\s*[|｜丨]\\s*)((?:本报)?(?:记者|通讯员)\\s*\\p{Han}{2,4}(?:\\s+\\p{Han}{2,4})*|文\\s*[/|／]\\s*.+)$");
  re2::StringPiece g[5];
  if (!kTitleBy.Match(line, 0, line.size(), RE2::ANCHOR_BOTH, g, 5)) return false;
  *title = TrimSpace(g[1].data() ? std::string_view(g[1]) : std::string_view(g[3]));
  *byline = g[2].data() ? std::string_view(g[2]) : std::string_view(g[4]);
  return !title->empty();
}

std::string_view TrimSpace(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  int32_t b = 0;
  while (b < n) {
    int32_t i = b;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (!IsSpaceCp(c)) break;
    b = i;
  }
  int32_t e = n;
  while (e > b) {
    int32_t i = e;
    UChar32 c;
    U8_PREV(p, b, i, c);
    if (!IsSpaceCp(c)) break;
    e = i;
  }
  return s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
}

LineSplitter::LineSplitter(const RuleMatcher& matcher, const Normalizer& normalizer,
                           const DateParser& dates, LineOptions options)
    : matcher_(matcher), normalizer_(normalizer), dates_(dates), options_(options) {}

LineFeatures LineSplitter::Features(std::string_view line, const std::optional<Date>& crawl_date) const {
  LineFeatures f;
  if (line.empty()) {
    f.blank = true;
    return f;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(line.data());
  const int32_t n = static_cast<int32_t>(line.size());
  bool in_word = false;
  uint32_t separators = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    ++f.chars;
    if (c < 0x80) {
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      bool alnum = alpha || (c >= '0' && c <= '9');
      if (alpha) ++f.letters;
      if (c >= 'a' && c <= 'z') ++f.lower_letters;
      if (alnum && !in_word) {
        ++f.words;
        if (c >= 'A' && c <= 'Z') ++f.capital_words;
      }
      in_word = alnum || (in_word && (c == '\'' || c == '-'));
      if (c == '|' || c == '>') ++separators;
    } else if (IsCjk(c)) {
      ++f.cjk;
      in_word = false;
    } else {
      if (u_isalpha(c)) {
        ++f.letters;
        if (u_islower(c)) ++f.lower_letters;
        if (!in_word) {
          ++f.words;
          if (u_isupper(c)) ++f.capital_words;
        }
        in_word = true;
      } else {
        in_word = false;
      }
      if (c == 0xBB || c == 0xB7 || c == 0x203A || c == 0xFF5C || c == 0x2022) ++separators;
    }
  }
  f.words += f.cjk / 2;
  {
    // The first letter, past opening quotes and brackets: '"what do you think?"' goes on.
    UChar32 first = 0;
    for (int32_t i = 0; i < n;) {
      U8_NEXT(p, i, n, first);
      if (!(u_hasBinaryProperty(first, UCHAR_QUOTATION_MARK) || first == '(' || first == '[' || first == '\'')) break;
    }
    f.starts_lower = u_islower(first) && !IsCjk(first);
  }
  f.link_like = f.words > 0 ? static_cast<float>(separators) / static_cast<float>(f.words) : 0.f;

  // Last meaningful character: skip closing quotes and brackets.
  int32_t e = n;
  UChar32 last = 0;
  while (e > 0) {
    UChar32 c;
    U8_PREV(p, 0, e, c);
    if (!IsClosing(c)) {
      last = c;
      break;
    }
  }
  std::string_view head = line.substr(0, static_cast<size_t>(e) + U8_LENGTH(last));
  f.ends_with_ellipsis = last == 0x2026 || head.ends_with("...") || head.ends_with("\xE3\x80\x82\xE3\x80\x82");
  f.terminal_punct = !f.ends_with_ellipsis && IsTerminal(last);
  if (f.ends_with_ellipsis) {
    std::string_view before = head;
    while (!before.empty() && (before.back() == '.' || before.back() == ' ')) before.remove_suffix(1);
    if (before.ends_with("\xE2\x80\xA6")) before.remove_suffix(3);
    f.punct_before_ellipsis = before.ends_with("?") || before.ends_with("!") || before.ends_with("\xEF\xBC\x9F") ||
                              before.ends_with("\xEF\xBC\x81");
  }
  {
    std::string_view inner = head.substr(0, head.size() >= 3 ? head.size() - 3 : 0);
    f.inner_stop = inner.find("\xE3\x80\x82") != std::string_view::npos;  // 。
    f.quoted = line.starts_with("\xE2\x80\x9C") || line.starts_with("\"") || line.starts_with("\xE3\x80\x8C");
  }
  f.exclaim = f.terminal_punct && (last == '!' || last == '?' || last == 0xFF01 || last == 0xFF1F);
  f.colon = last == ':' || last == 0xFF1A;
  f.comma = last == ',' || last == 0xFF0C || last == 0x3001;
  {
    // "...; and", "... of the": a clause that goes on below (a list item, a wrapped line).
    static const RE2 kDangling("(?i)(?:;|\\s(?:and|or|but|of|the|to|a|an|with|for|that))$");
    f.dangling = last == ';' || last == 0xFF1B ||
                 (!f.terminal_punct && f.words >= 3 && f.chars <= 260 && RE2::PartialMatch(line, kDangling));
  }

  std::string scratch;
  std::string_view folded = normalizer_.Fold(line, &scratch);
  const bool long_line = f.chars > (f.cjk > f.letters ? 80u : 160u);
  f.boilerplate_rule = matcher_.Boilerplate(folded, long_line);
  if (f.boilerplate_rule >= 0) {
    const std::string& rule = matcher_.BoilerplateName(f.boilerplate_rule);
    f.end_marker = rule == "end-marker";
    f.inline_boilerplate = rule == "advertisement" || rule == "read-more";
  }
  f.chrome_rule = matcher_.Chrome(folded);
  f.comments = f.chrome_rule >= 0 && matcher_.ChromeName(f.chrome_rule) == "comments";
  Field field;
  std::string_view value;
  f.byline = matcher_.Byline(folded, &field, &value);
  // "Reporting by A; Editing by B": a credit naming an editor closes an article.
  if (f.byline && field == Field::kEditors) f.editor_credit = true;
  if (size_t semi = folded.rfind(';'); f.byline && semi != std::string_view::npos && f.chars <= 200) {
    Field after_field;
    std::string_view after_value;
    if (matcher_.Byline(TrimSpace(folded.substr(semi + 1)), &after_field, &after_value) && after_field == Field::kEditors) {
      f.editor_credit = true;
    }
  }
  size_t dateline_end = 0;
  std::string_view source;
  f.dateline = matcher_.Dateline(folded.substr(0, std::min<size_t>(folded.size(), 240)), &source, &dateline_end);
  // Labels only make metadata lines, which are short: skip the search in long body text.
  std::vector<LabelHit> labels;
  if (f.chars <= 200) labels = matcher_.Labels(folded);
  if (labels.empty() && f.chars <= 40) f.label_only = matcher_.LabelOnly(folded);
  f.has_label = !labels.empty();
  for (const LabelHit& hit : labels) f.editor_credit |= hit.field == Field::kEditors;
  if (folded.size() <= options_.max_date_scan_bytes) {
    DateContext ctx;
    ctx.anchor = crawl_date;
    ctx.default_year = 2000;  // only to validate yearless dates here
    ctx.allow_year_only = !labels.empty() && labels[0].label_begin == 0 && labels[0].field == Field::kDate;
    if (auto m = dates_.Find(folded, ctx)) {
      f.has_date = true;
      // "May 21, 2025 at 2:19 p.m." ends with the time's full stop, not a sentence's.
      if (f.terminal_punct && m->end + 1 >= folded.size() &&
          (folded.ends_with("a.m.") || folded.ends_with("p.m.") || folded.ends_with("A.M.") || folded.ends_with("P.M."))) {
        f.terminal_punct = false;
      }
      if (!m->yearless) f.date_year = static_cast<int16_t>(m->date.year);
      // A date line: little else than the date, a label and separators.
      uint32_t other = 0;
      size_t label_end = (!labels.empty() && labels[0].label_begin == 0) ? labels[0].value_begin : 0;
      for (size_t i = 0; i < folded.size(); ++i) {
        if (i >= m->begin && i < m->end) continue;
        if (i < label_end) continue;
        unsigned char c = static_cast<unsigned char>(folded[i]);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) ++other;
      }
      f.date_only = other <= 24 && f.chars <= 80 && !f.terminal_punct;
    }
  }
  // Menu rows: 4+ space-separated words of at most 4 CJK characters, or 6+ capitalised Latin words
  // without a function word among them.
  static const RE2 kCjkMenu("^\\p{Han}{1,4}(?:\\s+\\p{Han}{1,4}){3,}$");
  static const RE2 kLatinMenu("^[A-Z][\\w&'-]*(?:\\s+[A-Z][\\w&'-]*){5,}$");
  static const RE2 kFunction("\\s(?:The|Of|To|In|And|For|A|An|On|With|Who|After|Is|Are|Was|At|By|From|As|Be|Will|Has|Have|Not|Be|Over)\\s");
  f.menu_like = RE2::FullMatch(folded, kCjkMenu) ||
                (RE2::FullMatch(folded, kLatinMenu) && !RE2::PartialMatch(folded, kFunction));
  static const RE2 kNumbered("^(?:\\d{1,2}(?:[.)]\\s|、)|[一二三四五六七八九十]{1,3}[、.]|[(][一二三四五六七八九十\\d]{1,3}[)]|第[一二三四五六七八九十\\d]{1,3}[章节部分条])");
  f.numbered = RE2::PartialMatch(folded, kNumbered);
  std::string_view title_part, byline_part;
  // Only a headline-length line without a full stop can end in a byline (and the search with
  // captures is the costliest pattern here: skip it for body text).
  f.title_byline = !f.byline && !f.terminal_punct && f.chars <= 260 &&
                   SplitTitleByline(line, &title_part, &byline_part);
  if (!labels.empty()) f.meta_field = f.has_date && labels[0].label_begin > 0 ? Field::kDate : labels[0].field;
  else if (f.byline) f.meta_field = field;
  else if (f.date_only) f.meta_field = Field::kDate;
  return f;
}

std::string_view TitleStem(std::string_view first) {
  for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", "_", " \xC2\xBB "}) {
    size_t at = first.rfind(sep);
    if (at != std::string_view::npos && at >= first.size() / 3) return TrimSpace(first.substr(0, at));
  }
  return first;
}

namespace {

// A paragraph of text: a sentence long enough not to be a label.
bool IsParagraph(const LineFeatures& f) {
  return f.terminal_punct && (f.cjk > f.letters ? f.cjk >= 30 : f.words >= 12);
}

}  // namespace

void LineSplitter::Split(std::string_view text, const std::optional<Date>& crawl_date,
                         std::vector<Line>* lines) const {
  lines->clear();
  std::string scratch;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view raw = text.substr(pos, end - pos);
    std::string_view trimmed = TrimSpace(raw);
    Line line;
    line.begin = static_cast<uint32_t>(trimmed.empty() ? pos : trimmed.data() - text.data());
    line.end = static_cast<uint32_t>(line.begin + trimmed.size());
    line.f = Features(trimmed, crawl_date);
    line.f.repeated_line = options_.repeated_lines && options_.repeated_lines->Contains(trimmed, &scratch);
    lines->push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  // How often each text stands on the page: a widget's label ("Advertisement", "Article content")
  // or a related-story headline shown twice repeats; a story's own sentences do not.
  // Also how many of its copies stand over a paragraph: one does for a section heading listed in
  // a table of contents, all do for a label set between paragraphs.
  // Only lines short enough to be a label, a headline or a caption are counted (hashing every
  // paragraph cost 3% of the run): a longer line keeps page_copies 1.
  constexpr uint32_t kMaxCopyChars = 300;
  struct Copies {
    uint32_t all = 0;
    uint32_t over_text = 0;
  };
  std::unordered_map<std::string_view, Copies> copies;
  copies.reserve(lines->size());
  std::vector<uint8_t> over(lines->size(), 0);
  for (size_t i = 0, next = 0; i < lines->size(); ++i) {
    const Line& l = (*lines)[i];
    if (l.f.blank) continue;
    for (next = std::max(next, i + 1); next < lines->size() && (*lines)[next].f.blank; ++next) {
    }
    over[i] = next < lines->size() && IsParagraph((*lines)[next].f);
    if (l.f.chars > kMaxCopyChars) continue;
    Copies& c = copies[text.substr(l.begin, l.end - l.begin)];
    ++c.all;
    c.over_text += over[i];
  }
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& l = (*lines)[i];
    if (l.f.blank || l.f.chars > kMaxCopyChars) continue;
    const Copies& c = copies[text.substr(l.begin, l.end - l.begin)];
    l.f.page_copies = static_cast<uint8_t>(std::min<uint32_t>(255, c.all));
    l.f.heading_copy = c.all >= 2 && c.over_text == 1 && over[i];
  }
  // Hard-wrapped text (a <pre> block, a plain-text page cut at 72 columns): a line that begins in
  // lower case right under one that ends without a full stop goes on with its sentence; neither
  // line is a headline.
  for (size_t i = 1; i < lines->size(); ++i) {
    LineFeatures& f = (*lines)[i].f;
    LineFeatures& p = (*lines)[i - 1].f;
    if (f.blank || p.blank || !f.starts_lower || f.cjk > 0 || (f.words < 4 && !f.terminal_punct)) continue;
    // "by implication, the ..." inside a wrapped paragraph goes on with it; a byline names
    // someone ("by Jane Roe"), not "by calling him ...".
    const std::string_view t = text.substr((*lines)[i].begin, (*lines)[i].end - (*lines)[i].begin);
    const bool lower_after_by = t.size() > 3 && (t[2] == ' ') && t[3] >= 'a' && t[3] <= 'z';
    const bool byline_in_text = f.byline && !p.byline && (p.wrapped || lower_after_by);
    if (((f.byline || f.has_label) && !byline_in_text) || f.date_only || f.boilerplate_rule >= 0) continue;
    if (byline_in_text) {
      f.byline = false;
      f.has_label = false;
      f.meta_field = Field::kNone;
    }
    if (p.terminal_punct || p.colon || p.ends_with_ellipsis || p.cjk > p.letters) continue;
    // A headline in title case over a lower-case line is still a headline.
    if (2 * p.capital_words > p.words) continue;
    f.wrapped = true;
    p.wrapped = true;
  }
  // Lines that repeat the one before, and later lines that repeat the page's first line (a
  // rendered page opens with its <title>: the headline, often with the site's name after it).
  std::string_view prev;
  std::string_view stem;
  std::string_view first_line;
  bool first = true;
  // "Headline - Site - Tagline": the headline is the first line's text before any of its site
  // separators (in its last two thirds), not only before the last one.
  auto before_separator = [&](std::string_view t) {
    if (t.size() < 12 || t.size() >= first_line.size() || !first_line.starts_with(t)) return false;
    if (t.size() < first_line.size() / 3) return false;
    std::string_view rest = first_line.substr(t.size());
    for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", "_", " \xC2\xBB "}) {
      if (rest.starts_with(sep)) return true;
    }
    return false;
  };
  for (size_t i = 0; i < lines->size(); ++i) {
    Line& l = (*lines)[i];
    if (l.f.blank) continue;
    std::string_view t = text.substr(l.begin, l.end - l.begin);
    if (t == prev) l.f.repeat = true;
    if (first) {
      first = false;
      first_line = t;
      stem = TitleStem(t);
      if (stem.size() < 12) stem = {};  // too short to identify a headline
    } else if (!stem.empty() && !l.f.repeat &&
               ((t.starts_with(stem) && (t == stem || TitleStem(t) == stem)) || before_separator(t))) {
      l.f.page_title = true;
    }
    prev = t;
  }
}

}  // namespace newsclip
