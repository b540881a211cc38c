// Segmentation: one left-to-right pass with a small state machine (outside an article, in its
// head, in its body, after its end marker). At every headline-like line the start score decides
// whether a new article begins; everything else extends the current article or, outside one, is
// page chrome. An article ends at its last content line (body, metadata or boilerplate), so
// trailing menus and headings fall outside it.
//
// Lexical cohesion (the TextTiling idea, on one line pair of windows) separates two articles that
// follow each other with neither an end marker nor metadata: the words (Latin words of 4+
// letters, CJK character bigrams) of the lines before a candidate title and of the lines after it
// overlap little when the topic changes and much under a sub-heading.
#include "newsclip/segment.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <unordered_set>

#include "line_kind.h"
#include "newsclip/boilerplate.h"

namespace newsclip {

using internal::Kind;

namespace {

// kTrailer: after an article that ended in a run of links or a comments header; like kOutside,
// but stray text there (comments, teasers) does not start an article without a headline.
enum class State { kOutside, kHead, kBody, kTail, kTrailer };

bool IsCjkCp(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF);
}

bool IsStopword(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "that", "this", "with", "from", "have", "been", "were", "will", "would", "their", "there",
      "they", "which", "about", "what", "when", "said", "also", "more", "than", "into", "after",
      "over", "some", "other", "such", "them", "then", "only", "could", "should", "these", "those",
      "while", "where", "your", "just", "like", "because", "being", "most", "very", "many", "much"};
  return kStop.count(w) > 0;
}

// Adds the cohesion tokens of `line` to *out (hashed).
void Tokens(std::string_view line, std::unordered_set<size_t>* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(line.data());
  const int32_t n = static_cast<int32_t>(line.size());
  std::string word;
  UChar32 prev_cjk = -1;
  auto flush = [&] {
    if (word.size() >= 4 && !IsStopword(word)) out->insert(std::hash<std::string>{}(word));
    word.clear();
  };
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x80 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      word += static_cast<char>(c | 0x20);
      prev_cjk = -1;
      continue;
    }
    flush();
    if (IsCjkCp(c)) {
      if (prev_cjk >= 0) out->insert(std::hash<uint64_t>{}((static_cast<uint64_t>(prev_cjk) << 32) | c));
      prev_cjk = c;
    } else {
      prev_cjk = -1;
    }
  }
  flush();
}

class Scan {
 public:
  Scan(std::string_view text, const std::vector<Line>& lines, const SegmentOptions& options)
      : text_(text), lines_(lines), options_(options) {
    kinds_.reserve(lines.size());
    for (const Line& l : lines) kinds_.push_back(internal::KindOf(l.f));
    // A line of author names ("Maya Roe and Ann Lee", or one name under a date line) is
    // metadata, not a headline.
    for (uint32_t i = 0; i < lines.size(); ++i) {
      if ((kinds_[i] != Kind::kTitleLike && kinds_[i] != Kind::kFragment) || lines[i].f.words > 16) continue;
      std::string_view t = Text(i);
      std::optional<uint32_t> p = PrevNonBlank(i);
      bool several = t.find(',') != std::string_view::npos || t.find(" and ") != std::string_view::npos ||
                     t.find('&') != std::string_view::npos || t.find("\xE3\x80\x81") != std::string_view::npos;
      if ((several || (p && kinds_[*p] == Kind::kMeta)) && LooksLikeNames(t)) kinds_[i] = Kind::kMeta;
    }
    // A page of hard-wrapped Chinese text (a plain-text rendering cut at a fixed width): most of
    // its long lines stop mid-sentence and run on into another long line.
    uint32_t long_lines = 0, runs_on = 0;
    for (uint32_t i = 0; i < lines.size(); ++i) {
      if (!WrapWidth(i)) continue;
      ++long_lines;
      std::optional<uint32_t> n = NextNonBlank(i);
      if (!lines[i].f.terminal_punct && n && WrapWidth(*n)) ++runs_on;
    }
    wrapped_page_ = runs_on >= 8 && 2 * runs_on >= long_lines;
  }

  // A long line of Chinese text, as wide as hard-wrapped text is cut.
  bool WrapWidth(uint32_t i) const {
    const LineFeatures& f = lines_[i].f;
    return internal::IsCjkLine(f) && f.cjk >= 24 && f.chars <= 60;
  }

  std::vector<Segment> Run(std::vector<StartScore>* scores) {
    if (scores) scores->assign(lines_.size(), StartScore{});
    for (uint32_t i = 0; i < lines_.size(); ++i) {
      Kind k = kinds_[i];
      if (k == Kind::kBlank) continue;
      // Inside an article, a line wholly in brackets ("（编辑 张三）", "(Photo: ...)") is a note
      // or a credit of that article, not the next one's headline: its text.
      if (k == Kind::kTitleLike && open_ && (Bracketed(i) || ClosingExclamation(i))) k = Kind::kBody;
      if (k == Kind::kTitleLike) {
        StartScore s = Score(i);
        if (scores) (*scores)[i] = s;
        // Inside the article that the page's own title names (a page of one main story), a new
        // article needs more evidence: its sub-headings must not split it.
        const float threshold = options_.start_threshold +
                                (open_ && title_ && lines_[*title_].f.page_title ? options_.main_story_margin : 0.f);
        if (s.score >= threshold) {
          std::optional<uint32_t> p = PrevNonBlank(i);
          uint32_t first = i;
          if (p && lines_[*p].f.date_only && kinds_[*p] == Kind::kMeta && !InHead(*p)) first = *p;
          Open(first, i);
          continue;
        }
      }
      Step(i, k);
    }
    Close();
    return std::move(segments_);
  }

 private:
  std::string_view Text(uint32_t i) const { return text_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin); }

  // True when the whole line stands in one pair of round brackets.
  bool Bracketed(uint32_t i) const {
    std::string_view t = Text(i);
    bool open = t.starts_with("(") || t.starts_with("\xEF\xBC\x88");   // ( or （
    bool close = t.ends_with(")") || t.ends_with("\xEF\xBC\x89");      // ) or ）
    if (!open || !close) return false;
    // "(A) ... (B)" is not one pair: no closing bracket before the last one.
    std::string_view inner = t.substr(1, t.size() - 2);
    return inner.find(')') == std::string_view::npos && inner.find("\xEF\xBC\x89") == std::string_view::npos;
  }

  // A short Chinese sentence ending in "！" right under the text ("祝大家新春快乐！"): the text's
  // last line, not a headline (Chinese headlines rarely end with "！").
  bool ClosingExclamation(uint32_t i) const {
    if (!internal::IsCjkLine(lines_[i].f) || !Text(i).ends_with("\xEF\xBC\x81")) return false;  // ！
    std::optional<uint32_t> p = PrevNonBlank(i);
    return p && kinds_[*p] == Kind::kBody && state_ == State::kBody;
  }

  std::optional<uint32_t> PrevNonBlank(uint32_t i) const {
    while (i > 0) {
      --i;
      if (kinds_[i] != Kind::kBlank) return i;
    }
    return std::nullopt;
  }
  std::optional<uint32_t> NextNonBlank(uint32_t i) const {
    for (++i; i < lines_.size(); ++i) {
      if (kinds_[i] != Kind::kBlank) return i;
    }
    return std::nullopt;
  }

  // True when line p is part of the head (title and metadata) of the open article.
  bool InHead(uint32_t p) const { return open_ && state_ == State::kHead && p >= first_; }

  bool LongBody(uint32_t i) const {
    const LineFeatures& f = lines_[i].f;
    uint32_t size = internal::IsCjkLine(f) ? f.cjk * 2 : f.chars;
    return kinds_[i] == Kind::kBody && size >= options_.min_untitled_chars;
  }

  // Word overlap of the lines before `i` (within the open article) and the lines after it.
  float Cohesion(uint32_t i) const {
    std::unordered_set<size_t> before, after;
    uint32_t taken = 0;
    for (uint32_t j = i; j > 0 && taken < options_.cohesion_window;) {
      --j;
      if (open_ && j < first_) break;
      if (kinds_[j] == Kind::kBody || kinds_[j] == Kind::kTitleLike) {
        Tokens(Text(j), &before);
        ++taken;
      }
    }
    taken = 0;
    for (uint32_t j = i + 1; j < lines_.size() && taken < options_.cohesion_window; ++j) {
      if (kinds_[j] == Kind::kBody) {
        Tokens(Text(j), &after);
        ++taken;
      } else if (kinds_[j] == Kind::kTitleLike && taken > 0) {
        break;  // the next headline: the window ends with this article
      }
    }
    size_t small = std::min(before.size(), after.size());
    if (small < 5) return -1;  // too little text to say
    size_t common = 0;
    for (size_t h : after) common += before.count(h);
    return static_cast<float>(common) / static_cast<float>(small);
  }

  // A line that closes an article: an end marker or other closing boilerplate (copyright,
  // share, follow prompts), or a credit (editor, source) after the body.
  float CloserWeight(uint32_t p) const {
    const LineFeatures& f = lines_[p].f;
    // (A prompt in the head of a titled article, "点击上方蓝字关注我们" under its byline, closes
    // nothing.)
    if (kinds_[p] == Kind::kBoilerplate) return InHead(p) && title_ ? 0.f : f.inline_boilerplate ? 1.f : 3.f;
    if (kinds_[p] == Kind::kMeta && !InHead(p) &&
        (f.meta_field == Field::kEditors || f.meta_field == Field::kSource || f.editor_credit || Bracketed(p))) {
      return 3.f;
    }
    // A Chinese credit in brackets after the text: "（记者 张三）", "（编辑 李四）".
    if (kinds_[p] != Kind::kMeta && internal::IsCjkLine(f) && !InHead(p) && Bracketed(p)) return 3.f;
    return 0.f;
  }

  // True when the metadata lines from `i` on lead into body text, as a head does (a tail credit
  // block is followed by an end marker, chrome or the next headline instead).
  bool MetaLeadsToBody(uint32_t i, bool allow_standfirst = true) const {
    if (kinds_[i] == Kind::kMeta && lines_[i].f.meta_field == Field::kEditors) return false;  // a credit
    for (uint32_t j = i, seen = 0; j < lines_.size() && seen < 8; ++j) {
      if (kinds_[j] == Kind::kBlank) continue;
      if (kinds_[j] == Kind::kMeta || kinds_[j] == Kind::kFragment || kinds_[j] == Kind::kChrome ||
          (kinds_[j] == Kind::kBoilerplate && !lines_[j].f.end_marker)) {
        ++seen;
        continue;
      }
      if (kinds_[j] == Kind::kTitleLike && allow_standfirst) {
        // A standfirst, a photo caption or a lead-in ("To all county offices:") between the head
        // and the text: up to two such lines.
        if (lines_[j].f.colon) return true;
        std::optional<uint32_t> after = NextNonBlank(j);
        if (after && kinds_[*after] == Kind::kTitleLike) after = NextNonBlank(*after);
        return after && kinds_[*after] == Kind::kBody;
      }
      return kinds_[j] == Kind::kBody;
    }
    return false;
  }

  // Headline-like lines at i-2, i+2, i-4, i+4 with one body line between: a digest of short
  // items (headline, one sentence, headline, ...). Returns how many such neighbours there are.
  // (Questions, each over one answer, are an interview's rhythm: a question under a question is
  // no digest item.)
  int Rhythm(uint32_t i) const {
    const bool question = Text(i).ends_with("?");
    auto item = [&](int64_t t, int64_t b) {
      if (t < 0 || b < 0 || t >= static_cast<int64_t>(lines_.size()) || b >= static_cast<int64_t>(lines_.size())) return false;
      if (question && Text(static_cast<uint32_t>(t)).ends_with("?")) return false;
      return kinds_[t] == Kind::kTitleLike && kinds_[b] == Kind::kBody && lines_[b].end - lines_[b].begin <= 400;
    };
    int64_t x = i;
    int n = 0;
    if (x + 1 < static_cast<int64_t>(lines_.size()) && kinds_[x + 1] != Kind::kBody) return 0;
    if (item(x - 2, x - 1)) ++n;
    if (item(x + 2, x + 3)) ++n;
    if (n > 0 && item(x - 4, x - 3)) ++n;
    if (n > 0 && item(x + 4, x + 5)) ++n;
    return n;
  }

  // True when a paragraph of text stands in [from, to); with `teasers`, also a teaser's text cut
  // with "...".
  bool TextSince(uint32_t from, uint32_t to, bool teasers = false) const {
    for (uint32_t j = from; j < to; ++j) {
      if (LongBody(j) && lines_[j].f.terminal_punct) return true;
      if (teasers && Cut(j)) return true;
    }
    return false;
  }

  // A body line cut short with "..." ("...re..."), as a teaser ends.
  bool Cut(uint32_t j) const {
    return kinds_[j] == Kind::kBody && lines_[j].f.ends_with_ellipsis && !lines_[j].f.punct_before_ellipsis;
  }

  // Metadata that opens an article (a date, a byline, an author label), not a closing credit.
  bool HeadMeta(uint32_t i) const {
    const LineFeatures& f = lines_[i].f;
    // "（来源：...）" in brackets closes an article; a head does not bracket its fields.
    return kinds_[i] == Kind::kMeta && !Bracketed(i) && (f.has_date || f.meta_field == Field::kAuthors ||
                                        f.meta_field == Field::kDate || f.meta_field == Field::kSource);
  }

  StartScore Score(uint32_t i) const {
    StartScore s;
    auto add = [&](float v, const char* why) {
      s.score += v;
      char buf[64];
      std::snprintf(buf, sizeof(buf), " %+.1f %s", v, why);
      s.reasons += buf;
    };
    const LineFeatures& f = lines_[i].f;
    const bool cjk = internal::IsCjkLine(f);
    std::optional<uint32_t> p = PrevNonBlank(i);
    std::optional<uint32_t> nx = NextNonBlank(i);
    if (!nx) {
      add(-5, "last-line");
      return s;
    }
    Kind pk = p ? kinds_[*p] : Kind::kBlank;
    // What follows the headline, past prompts that sit between a headline and its text.
    for (int skip = 0; skip < 2 && ((kinds_[*nx] == Kind::kBoilerplate && !lines_[*nx].f.end_marker) ||
                                     kinds_[*nx] == Kind::kFragment);
         ++skip) {
      std::optional<uint32_t> after = NextNonBlank(*nx);
      if (!after) break;
      nx = after;
    }
    Kind nk = kinds_[*nx];
    if (nk == Kind::kChrome || nk == Kind::kBoilerplate) add(-2, "no-text-below");
    if (f.title_byline) add(3, "byline-in-line");
    if (f.page_title) add(4, "page-title");
    // HTML: an <h1> is a headline's strongest sign. (A bonus for h2/h3 was measured too: it split
    // stories at their sub-headings, body F1 -0.03 on fundus and zyte-aeb.)
    if (f.block.heading == 1) add(2, "h1");
    // A heading that is all link is a teaser's headline (it links to its story), not a sub-heading.
    else if (f.block.heading >= 2 && f.block.link_pct >= 80 && f.block.in_header) add(2, "linked-heading");
    if (Rhythm(i) >= 2) add(3, "digest-rhythm");
    if (!p) {
      if (nk == Kind::kBody || nk == Kind::kMeta) add(2, "page-start");
    } else if (float w = CloserWeight(*p); w > 0) {
      add(w, "after-closer");
    } else if (pk == Kind::kChrome ||
               ((pk == Kind::kTitleLike || pk == Kind::kFragment) &&
                (state_ == State::kOutside || state_ == State::kTrailer))) {
      add(2, "after-chrome");
    } else if (pk == Kind::kMeta && lines_[*p].f.date_only && !InHead(*p)) {
      add(2, "date-above");
      if (nk == Kind::kBody) add(1, "text-below");
    }
    if (state_ == State::kOutside || state_ == State::kTail || state_ == State::kTrailer) add(1, "outside-article");
    if (nk == Kind::kMeta) {
      if (MetaLeadsToBody(*nx)) add(3, "meta-below");
      else add(-1, "credit-below");
    } else if (lines_[*nx].f.dateline) {
      add(3, "dateline-below");
    } else if (nk == Kind::kBody) {
      std::optional<uint32_t> nx2 = NextNonBlank(*nx);
      // A teaser: one or two lines, the last cut with "...", then the next item (not more text).
      std::optional<uint32_t> cut = lines_[*nx].f.ends_with_ellipsis ? nx
                                    : (nx2 && kinds_[*nx2] == Kind::kBody && lines_[*nx2].f.ends_with_ellipsis) ? nx2
                                                                                                               : std::nullopt;
      std::optional<uint32_t> after_cut = cut ? NextNonBlank(*cut) : std::nullopt;
      bool teaser = cut && !(after_cut && kinds_[*after_cut] == Kind::kBody && LongBody(*after_cut));
      if (teaser) add(3, "teaser-below");
      if (pk == Kind::kBody && !teaser) {
        float c = Cohesion(i);
        if (c >= 0 && c < options_.cohesion_low) {
          add(options_.low_cohesion_weight, "low-cohesion");
          if (!cjk && f.words >= options_.long_title_words) add(1, "long-title");
          // Every word capitalised, as headlines are set and sub-headings mostly are not (a question
          // in title case is a sub-heading as often: "How Will You Use It?"; a line in capitals is a
          // kicker or a caption's shout).
          if (!cjk && f.words >= 5 && !f.terminal_punct && 10 * f.capital_words >= 9 * f.words &&
              2 * f.lower_letters > f.letters) {
            add(1, "title-case");
          }
        } else if (c >= 0) {
          add(-1, "cohesive");
        }
      }
    } else if (nk == Kind::kTitleLike) {
      // A headline, then its standfirst (and a photo caption), then the text; else a run of headlines.
      std::optional<uint32_t> nx2 = NextNonBlank(*nx);
      if (nx2 && kinds_[*nx2] == Kind::kTitleLike) nx2 = NextNonBlank(*nx2);
      if (!(nx2 && kinds_[*nx2] == Kind::kBody && !lines_[*nx].f.colon)) {
        add(-1, "headline-run");
      } else if (cjk && pk == Kind::kBody && lines_[*p].f.terminal_punct && 3 * f.chars <= 2 * lines_[*nx].f.chars) {
        // Under the text of another article, a headline and its (longer) standfirst over text on
        // another topic; a sub-heading's text stays on the topic.
        float c = Cohesion(i);
        if (c >= 0 && c < options_.cohesion_low) {
          add(options_.low_cohesion_weight, "low-cohesion");
          add(1.5, "standfirst-below");
        }
      }
    }
    // Right under the headline that opened the article: its standfirst.
    if (pk == Kind::kTitleLike && open_ && title_ && *p == *title_ && *p == first_) add(-2, "under-headline");
    if (pk == Kind::kTitleLike && open_ && *p > first_ && i <= first_ + 6 && !TextSince(first_, i)) {
      add(-2, "under-standfirst");  // a photo caption under a headline and its standfirst
    }
    if (f.colon) add(-3, "colon");
    if (f.comma) add(-3, "trailing-comma");
    if (f.dangling) add(-3, "dangling");
    if (f.numbered) add(-3, "numbered-heading");
    // Hard-wrapped text (a plain-text rendering cut at a fixed width): a long line under a long
    // line of text that stops mid-sentence is its next line, not a headline.
    if (wrapped_page_ && open_ && WrapWidth(i)) add(-4, "wrapped");
    if ((!cjk && f.words <= 3) || (cjk && f.cjk <= 6)) add(-1, "short");
    return s;
  }

  void Open(uint32_t first, uint32_t title) {
    // The open article ends at its last content line before `first`.
    if (open_) {
      uint32_t end = last_content_;
      if (end >= first) end = content_before_first_;
      if (end >= first_ && end < first) segments_.push_back({first_, end, title_});
    }
    open_ = true;
    first_ = first;
    title_ = title;
    last_content_ = title;
    content_before_first_ = title;
    pending_ = 0;
    paragraphs_ = 0;
    state_ = State::kHead;
  }

  void OpenUntitled(uint32_t first, State state) {
    Close();
    open_ = true;
    first_ = first;
    title_.reset();
    last_content_ = first;
    pending_ = 0;
    paragraphs_ = 0;
    state_ = state;
  }

  void Close() {
    if (open_) segments_.push_back({first_, last_content_, title_});
    open_ = false;
    state_ = State::kOutside;
  }

  void Content(uint32_t i) {
    content_before_first_ = last_content_;
    last_content_ = i;
    pending_ = 0;
    if (LongBody(i) && lines_[i].f.terminal_punct) ++paragraphs_;
  }

  void Step(uint32_t i, Kind k) {
    switch (state_) {
      case State::kTrailer:
        break;
      case State::kOutside: {
        if (LongBody(i) && lines_[i].f.terminal_punct && TextFollows(i)) {
          OpenUntitled(i, State::kBody);
        } else if (HeadMeta(i) && MetaLeadsToBody(i)) {
          OpenUntitled(i, State::kHead);
        }
        break;
      }
      case State::kHead:
        if (k == Kind::kChrome) break;
        if (k == Kind::kTitleLike && !title_ && !lines_[i].f.colon && !Bracketed(i)) {
          // An article opened by its date or byline line: the headline under it is its title.
          std::optional<uint32_t> nx = NextNonBlank(i);
          if (nx && (kinds_[*nx] == Kind::kBody || kinds_[*nx] == Kind::kMeta)) {
            title_ = i;
            Content(i);
            break;
          }
        }
        // A short line that names no one ("3个新项目", "Photos") under the head's metadata is a
        // kicker or sub-heading of text that has begun: a headline under it is no title.
        if (k == Kind::kBody || k == Kind::kTitleLike || (k == Kind::kFragment && !LooksLikeNames(Text(i)))) {
          state_ = State::kBody;
        }
        Content(i);
        break;
      case State::kBody:
        if (k == Kind::kBoilerplate && pending_ > 0) {
          // Prompts after a run of headings or menus belong to the page footer, not the article.
          ++pending_;
        } else if (HeadMeta(i) && ((PrevCloses(i) && MetaLeadsToBody(i) && !CreditContinues(i)) ||
                            (!InPageTitledStory() &&
                             (lines_[i].f.has_date || lines_[i].f.meta_field == Field::kAuthors || DatelineBelow(i)) &&
                             TextSince(first_, i, /*teasers=*/true) && MetaLeadsToBody(i, /*allow_standfirst=*/lines_[i].f.has_label)))) {
          OpenUntitled(i, State::kHead);  // a new article's date or byline after a closed one
        } else if (k == Kind::kBody || k == Kind::kMeta) {
          Content(i);
        } else if (k == Kind::kBoilerplate) {
          Content(i);
          if (IsEndMarker(i)) state_ = State::kTail;
        } else {
          ++pending_;  // headline-like and chrome lines stay pending until content follows
          // A comments header ends the article: what follows is the readers', not the article's.
          // (Under a standfirst, a "Comments" link of the share bar below the byline is none: the
          // text has to have begun, two paragraphs.)
          // (Ending it at any long run of non-text lines was measured too: it cuts articles with
          // code blocks or lists short, and real-page title/date scores fell by a quarter.)
          if (lines_[i].f.comments && paragraphs_ >= 2) {
            Close();
            state_ = State::kTrailer;
          }
        }
        break;
      case State::kTail:
        if (HeadMeta(i) && MetaLeadsToBody(i)) {
          OpenUntitled(i, State::kHead);
        } else if (k == Kind::kBoilerplate || k == Kind::kMeta) {
          Content(i);
        } else if (LongBody(i) && lines_[i].f.terminal_punct) {
          OpenUntitled(i, State::kBody);
        } else {
          Close();
        }
        break;
    }
  }

  bool IsEndMarker(uint32_t i) const;

  // True inside the article that the page's own title names (a page of one main story).
  bool InPageTitledStory() const { return open_ && title_ && lines_[*title_].f.page_title; }

  // An article without a title needs more than one stray sentence: another body line follows,
  // or this one is long.
  bool TextFollows(uint32_t i) const {
    if (lines_[i].f.chars >= 2 * options_.min_untitled_chars) return true;
    std::optional<uint32_t> nx = NextNonBlank(i);
    return nx && kinds_[*nx] == Kind::kBody && LongBody(*nx);
  }

  // A source line under a closing credit, with the next article's date or byline still to come
  // in the same run of metadata ("编辑：X" / "来源：Y" / "2023年4月2日" / text): the credit block
  // goes on, and the next article starts at its date or byline.
  bool CreditContinues(uint32_t i) const {
    const LineFeatures& f = lines_[i].f;
    if (f.meta_field != Field::kSource || f.has_date) return false;
    for (std::optional<uint32_t> j = NextNonBlank(i); j && kinds_[*j] == Kind::kMeta; j = NextNonBlank(*j)) {
      if (HeadMeta(*j) && (lines_[*j].f.has_date || lines_[*j].f.meta_field == Field::kAuthors)) return true;
    }
    return false;
  }

  // True when the line under `i` opens with a dateline ("BEIJING, Sept. 23 (Xinhua) --"): the
  // first sentence of an article.
  bool DatelineBelow(uint32_t i) const {
    std::optional<uint32_t> nx = NextNonBlank(i);
    return nx && kinds_[*nx] == Kind::kBody && lines_[*nx].f.dateline;
  }

  bool PrevCloses(uint32_t i) const {
    std::optional<uint32_t> p = PrevNonBlank(i);
    return p && *p >= first_ && CloserWeight(*p) >= 3.f;
  }

  std::string_view text_;
  const std::vector<Line>& lines_;
  const SegmentOptions& options_;
  std::vector<Kind> kinds_;
  bool wrapped_page_ = false;
  std::vector<Segment> segments_;
  bool open_ = false;
  uint32_t first_ = 0;
  std::optional<uint32_t> title_;
  uint32_t last_content_ = 0;
  uint32_t content_before_first_ = 0;
  uint32_t pending_ = 0;  // lines since the last content line that are not content yet
  uint32_t paragraphs_ = 0;  // long body lines of the open article
  State state_ = State::kOutside;
};

bool Scan::IsEndMarker(uint32_t i) const { return lines_[i].f.end_marker; }

}  // namespace

Segmenter::Segmenter(SegmentOptions options) : options_(options) {}

std::vector<Segment> Segmenter::Split(std::string_view text, const std::vector<Line>& lines,
                                      std::vector<StartScore>* scores) const {
  Scan scan(text, lines, options_);
  return scan.Run(scores);
}

}  // namespace newsclip
