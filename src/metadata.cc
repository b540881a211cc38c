// Metadata extraction, in the order a reader would look: the title line (with a byline that may
// share it), the article's metadata lines (labels first: a line may hold several, "Author:X
// Time:Y"; then bylines; then bare date or name lines), the credit and copyright lines at its end,
// and last the first sentence of the body (datelines). The first value found for a field wins,
// so a head byline beats a tail credit.
#include "newsclip/metadata.h"

#include <re2/re2.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "line_kind.h"
#include "newsclip/boilerplate.h"
#include "newsclip/lines.h"

namespace newsclip {

struct MetadataExtractor::Found {
  std::vector<std::string> authors;
  std::optional<Date> date;
  bool date_relative_or_yearless = false;
  std::optional<std::string> source;
  std::optional<std::string> org_source;  // an organisation credited as author: source if none other
  bool bare_authors = false;  // the authors come only from unlabelled lines of capitalised words
  std::vector<std::string> editors;
};

namespace {

// Trims spaces and the separators that surround a labelled value.
std::string_view TrimValue(std::string_view v) {
  static constexpr std::string_view kEdge = " \t|,;:()[]<>-–—·•/【】（）「」：，；\"'";
  for (;;) {
    std::string_view before = v;
    v = TrimSpace(v);
    while (!v.empty() && kEdge.find(v.front()) != std::string_view::npos && static_cast<unsigned char>(v.front()) < 0x80) v.remove_prefix(1);
    while (!v.empty() && kEdge.find(v.back()) != std::string_view::npos && static_cast<unsigned char>(v.back()) < 0x80) {
      if ((v.back() == ')' && v.find('(') != std::string_view::npos) ||
          (v.back() == ']' && v.find('[') != std::string_view::npos)) {
        break;  // "Euronews (EN)" keeps its closing bracket
      }
      v.remove_suffix(1);
    }
    for (std::string_view w : {"【", "】", "（", "）", "：", "，", "；", "「", "」", "–", "—", "·", "•"}) {
      if (v.starts_with(w)) v.remove_prefix(w.size());
      if (v.ends_with(w)) v.remove_suffix(w.size());
    }
    // Icon-font glyphs (Private Use Area, U+E000..U+F8FF) rendered beside a value.
    auto pua_at = [](std::string_view s, size_t i) {
      if (i + 3 > s.size()) return false;
      const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
      return (b0 == 0xEE && b1 >= 0x80) || (b0 == 0xEF && b1 >= 0x80 && b1 <= 0xA3);
    };
    while (pua_at(v, 0)) v.remove_prefix(3);
    while (v.size() >= 3 && pua_at(v, v.size() - 3)) v.remove_suffix(3);
    if (v == before) return v;
  }
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void AddUnique(std::vector<std::string>* list, std::string value) {
  if (value.empty()) return;
  if (std::find(list->begin(), list->end(), value) == list->end()) list->push_back(std::move(value));
}

// Splits a byline value at " | ", " · ", " - " into parts (names, a date, an outlet).
std::vector<std::string_view> SplitParts(std::string_view value) {
  static const RE2 kSep("\\s*(?:[|·•]|\\s[-–—]+\\s|,\\s+(?:updated|published)\\b)\\s*");
  std::vector<std::string_view> parts;
  std::string_view rest = value;
  re2::StringPiece g[1];
  size_t pos = 0;
  while (pos < rest.size() && kSep.Match(rest, pos, rest.size(), RE2::UNANCHORED, g, 1)) {
    size_t b = static_cast<size_t>(g[0].data() - rest.data());
    if (g[0].empty()) {
      pos = b + 1;
      continue;
    }
    parts.push_back(rest.substr(0, b));
    rest = rest.substr(b + g[0].size());
    pos = 0;
  }
  parts.push_back(rest);
  return parts;
}

// "12/01/2004 - 01/01/2005", "3 May 2022 to 5 May 2022": the date `m` opens a span of dates (an
// archive's month link, an event's days), which dates no article.
bool OpensDateRange(const DateParser& dates, std::string_view t, const DateMatch& m, const DateContext& context) {
  static const RE2 kTo("(?i)^\\s*(?:[-–—~〜]|(?:to|bis|until)\\b|至|到)\\s*");
  std::string_view rest = t.substr(m.end);
  re2::StringPiece g[1];
  if (!kTo.Match(rest, 0, rest.size(), RE2::ANCHOR_START, g, 1)) return false;
  rest = rest.substr(g[0].size());
  std::optional<DateMatch> next = dates.Find(rest, context);
  return next && next->begin == 0;
}

// Organisation names credited where a person's name would stand ("Washington Post | date").
bool LooksLikeOrganisation(std::string_view name) {
  static const RE2 kOrg(
      "(?i)\\b(?:news|post|times|daily|journal|herald|mail|press|tribune|guardian|telegraph|gazette|"
      "union|beacon|local|review|chronicle|media|network|agency|associated|reuters|radio|tv|television|"
      "magazine|weekly|online|democrats|republicans|institute|association|council|foundation|"
      "university|department|ministry|office|group|inc|ltd|bureau|service|staff)\\b|\\.(?:com|org|net)\\b|"
      "^[A-Z]{3,5}$|(?:日报|晚报|早报|商报|时报|报社|新闻|网|电视台|广播|客户端|杂志|通讯社|局|厅|委员会|政府|办公室)$");
  return RE2::PartialMatch(name, kOrg);
}

// "JOANNA ROTHKOPF" -> "Joanna Rothkopf" (ASCII letters only; others are kept).
std::string TitleCase(std::string_view name) {
  std::string out(name);
  bool start = true;
  for (char& c : out) {
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (letter) {
      if (!start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      start = false;
    } else {
      start = c != '\'' && c != static_cast<char>(0x99);
    }
  }
  return out;
}

// Words of page furniture and credits that a line of 2-4 Han characters may be instead of a name.
bool IsHanWordNotName(std::string_view name) {
  static const RE2 kHanNotName(
      "关注|分享|评论|阅读|原创|转载|编者|来源|收藏|举报|点赞|推荐|返回|首页|责任|编辑|时间|日期|作者|"
      "记者|通讯|摄影|新闻|报道|专题|更多|要闻|时政|社会|财经|体育|娱乐|科技|国际|国内|视频|图片|"
      "^本(?:报|台|网|刊)$");
  return RE2::PartialMatch(name, kHanNotName);
}

// Capitalised words of headings, menus, sections and job titles, which a person's name never holds
// ("My Account", "Enlarge Image", "Last Modified").
bool IsMenuWords(std::string_view name) {
  static const RE2 kNotName(
      "(?i)(?:^|\\s)(?:the|a|an|of|and|for|to|in|on|at|by|with|from|our|your|my|this|new|how|what|why|"
      "best|top|home|news|more|read|share|follow|comments?|reply|replies|posted|updated|published|"
      "staff|editor|editors|writer|reporter|contributor|correspondent|photo|photos|image|video|sign|log|"
      "subscribe|search|menu|privacy|policy|terms|contact|about|latest|recent|related|popular|trending|"
      "stories|posts|articles|desk|section|page|email|profile|view|all|discussions?|account|login|"
      "advertisement|opinion|politics|business|sports?|world|local|health|science|tech|entertainment|"
      "travel|life|style|culture|weather|live|watch|listen|podcast|newsletter|today|yesterday|"
      "monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|"
      "august|september|october|november|december)(?:$|\\s)");
  return RE2::PartialMatch(name, kNotName);
}

// A person's name as bylines give it: 2-4 capitalised words (initials, particles such as "van"
// or "de", hyphens; all caps too) without the words of headings, menus and job titles, or 2-4 Han
// characters (a transliterated name with "·" may be longer).
bool IsPersonName(std::string_view name) {
  static const RE2 kLatin(
      "^\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:(?:van|von|de|del|der|den|da|di|du|dos|le|la|bin|al|ten|ter)\\s+)*"
      "\\p{Lu}[\\p{L}'’.-]*){1,3}$");

  static const RE2 kHan("^\\p{Han}{2,4}$|^\\p{Han}{1,8}·\\p{Han}{1,8}$");
  if (name.size() > 60) return false;
  if (RE2::FullMatch(name, kHan)) return !IsHanWordNotName(name) && !LooksLikeOrganisation(name);
  static const RE2 kWord("\\p{L}{2}");  // not only initials ("E N D")
  return RE2::FullMatch(name, kLatin) && RE2::PartialMatch(name, kWord) && !IsMenuWords(name) &&
         !LooksLikeOrganisation(name);
}

// A job title or an affiliation that follows the name in a byline ("Jane Roe, Senior Staff
// Attorney, Some Program"): the names end there.
bool IsJobTitle(std::string_view part) {
  static const RE2 kJob(
      "(?i)(?:^|\\s)(?:senior|staff|chief|deputy|associate|assistant|executive|managing|contributing|"
      "editor|writer|reporter|correspondent|columnist|contributor|producer|director|attorney|professor|"
      "technologist|analyst|officer|president|founder|fellow|manager|marketing|program|programme|project|"
      "phd|md|dphil|esq|journalist|researcher|scientist|lecturer|student|intern|coordinator|specialist)"
      "(?:$|\\s|[.,])");
  return RE2::PartialMatch(part, kJob);
}

// True when `name` stands in `line` as a step of a breadcrumb path ("专栏/小说/连载/标题",
// "Home » Section » Story"): a separator on each side.
bool IsPathStep(std::string_view line, std::string_view name) {
  auto sep = [](std::string_view s, bool front) {
    for (std::string_view x : {"/", ">", "»", "›"}) {
      if (front ? s.starts_with(x) : s.ends_with(x)) return true;
    }
    return false;
  };
  for (size_t at = line.find(name); at != std::string_view::npos; at = line.find(name, at + 1)) {
    if (sep(TrimSpace(line.substr(0, at)), false) && sep(TrimSpace(line.substr(at + name.size())), true)) return true;
  }
  return false;
}

}  // namespace

bool MetadataExtractor::SectionNear(std::string_view text, const std::vector<Line>& lines, uint32_t i,
                                    std::string_view name) const {
  const uint32_t from = i >= 10 ? i - 10 : 0;
  const uint32_t to = std::min<uint32_t>(static_cast<uint32_t>(lines.size()), i + 11);
  std::string scratch;
  for (uint32_t k = from; k < to; ++k) {
    if (lines[k].f.blank) continue;
    if (IsPathStep(normalizer_.Fold(text.substr(lines[k].begin, lines[k].end - lines[k].begin), &scratch), name)) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> MetadataExtractor::SplitNames(std::string_view value) {
  static const RE2 kRoles("(?:本报)?(?:特约|见习|实习)?(?:记者|通讯员|实习生|摄影|编辑|责编)\\s*[:：]?|\\s*[/／]?\\s*摄\\s*$");
  static const RE2 kSeparators("\\s*(?:,?\\s+(?i:and)\\s+|,?\\s*&\\s*|[,，、;；/]|和|及)\\s*");
  // "Jane Roe in London": the place a reporter filed from is not part of the name.
  static const RE2 kPlace("\\s+in\\s+[A-Z][\\w .'-]*$");
  static const RE2 kNoise("(?i)\\s*(?:\\(?(?:reuters|ap|afp|xinhua)\\)?|staff (?:writer|reporter)s?|correspondents?)\\s*$");
  std::string v(value);
  // "Greg Roe@GregRoe", "Evan HalperStaff Writer", "Thabo Mokone Parliamentary editor": a handle or a
  // job title glued to the name.
  static const RE2 kHandle("@\\S+");
  static const RE2 kJob(
      "(?i)\\s+(?:(?:staff|senior|chief|political|parliamentary|sports|travel|news|freelance|business|"
      "health|science|tech|deputy|associate|contributing|investigative|foreign)\\s+)*"
      "(?:writer|reporter|editor|correspondent|journalist|columnist|contributor)s?\\s*$");
  RE2::GlobalReplace(&v, kHandle, "");
  static const RE2 kGlued("([a-z])(?:[A-Z][a-z]+\\s*)+(?i:writer|reporter|editor|correspondent|journalist|columnist|contributor)\\s*$");
  RE2::Replace(&v, kGlued, "\\1");
  RE2::Replace(&v, kJob, "");
  RE2::GlobalReplace(&v, kRoles, " ");
  RE2::GlobalReplace(&v, kSeparators, "\x1f");
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find('\x1f', start);
    if (end == std::string::npos) end = v.size();
    std::string name(TrimValue(std::string_view(v).substr(start, end - start)));
    RE2::Replace(&name, kNoise, "");
    RE2::Replace(&name, kPlace, "");
    // "By Jane Roe." ends a sentence; an initial ("Jane R.") keeps its full stop.
    if (name.size() > 2 && name.back() == '.' && name[name.size() - 2] >= 'a' && name[name.size() - 2] <= 'z' &&
        !name.ends_with(" Jr.") && !name.ends_with(" Sr.")) {
      name.pop_back();
    }
    if (!name.empty() && !HasDigit(name) && name.size() <= 64) {
      // Chinese names written with spaces between them: "张三 李四".
      static const RE2 kHanList("^\\p{Han}{2,4}(?:\\s+\\p{Han}{2,4})+$");
      if (RE2::FullMatch(name, kHanList)) {
        size_t p = 0;
        while (p < name.size()) {
          size_t sp = name.find(' ', p);
          if (sp == std::string::npos) sp = name.size();
          if (sp > p) AddUnique(&out, name.substr(p, sp - p));
          p = sp + 1;
        }
      } else if (name.size() >= 2 && name != "by" && name != "By") {
        AddUnique(&out, name);
      }
    }
    start = end + 1;
    if (end == v.size()) break;
  }
  return out;
}

MetadataExtractor::MetadataExtractor(const RuleMatcher& matcher, const Normalizer& normalizer,
                                     const DateParser& dates, MetadataOptions options)
    : matcher_(matcher), normalizer_(normalizer), dates_(dates), options_(options) {}

// The first date of the head dates the article; a yearless or relative one ("31 January" in an
// event's headline, "yesterday") gives way to a later one that states its year.
void MetadataExtractor::TakeDate(const DateMatch& m, Found* found) {
  const bool weak = m.yearless || m.relative;
  if (found->date && (!found->date_relative_or_yearless || weak)) return;
  found->date = m.date;
  found->date_relative_or_yearless = weak;
}

void MetadataExtractor::FromValue(Field field, std::string_view value, const DateContext& context,
                                  Found* found) const {
  value = TrimValue(value);
  if (value.empty()) return;
  DateContext labelled = context;
  labelled.allow_year_only = true;
  switch (field) {
    case Field::kDate:
      if (!found->date || found->date_relative_or_yearless) {
        if (auto m = dates_.Find(value, labelled); m && m->date.year > 0) TakeDate(*m, found);
      }
      break;
    case Field::kAuthors: {
      static const RE2 kByDate("(?i)^(.*?)\\s+(?:on|at)\\s+(.+)$");
      for (std::string_view part : SplitParts(value)) {
        auto m = dates_.Find(part, context);
        if (m && m->date.year > 0 && m->begin <= 2) {
          if (!found->date) found->date = m->date;
          continue;
        }
        re2::StringPiece g[3];
        if (m && kByDate.Match(part, 0, part.size(), RE2::ANCHOR_BOTH, g, 3)) {
          part = g[1];
        } else if (m && m->date.year > 0 && TrimValue(part.substr(m->end)).empty()) {
          // "Jane Roe, March 2, 2024": the names, then the date.
          if (!found->date) found->date = m->date;
          part = TrimValue(part.substr(0, m->begin));
          while (!part.empty() && (part.back() == ',' || part.back() == ' ')) part.remove_suffix(1);
        }
        if (part.size() > 120) continue;
        for (std::string& name : SplitNames(part)) {
          // "Jane Roe, Senior Staff Attorney, Some Program": the names end at the job title.
          if (!found->authors.empty() && IsJobTitle(name)) break;
          if (found->bare_authors) {
            found->authors.clear();
            found->bare_authors = false;
          }
          AddUnique(&found->authors, std::move(name));
        }
      }
      break;
    }
    case Field::kSource: {
      // Machine-translated "来源：X 编辑：A、B" often reads "Source: Editors of the X: A, B".
      static const RE2 kMtEditors("(?i)^editors?\\s+of\\s+(?:the\\s+)?(.+?)\\s*:\\s*(.+)$");
      re2::StringPiece g[3];
      if (kMtEditors.Match(value, 0, value.size(), RE2::ANCHOR_BOTH, g, 3)) {
        if (!found->source) found->source = std::string(TrimValue(g[1]));
        for (std::string& name : SplitNames(g[2])) AddUnique(&found->editors, std::move(name));
        break;
      }
      std::vector<std::string_view> parts = SplitParts(value);
      for (std::string_view part : parts) {
        part = TrimValue(part);
        if (auto m = dates_.Find(part, context)) {
          if (!found->date && m->date.year > 0) found->date = m->date;
          std::string_view rest = TrimValue(part.substr(0, m->begin));
          if (rest.empty()) rest = TrimValue(part.substr(m->end));
          part = rest;
        }
        // "光明网 2022-09-29" is cut at the date; a double space ends the source too.
        size_t gap = part.find("  ");
        if (gap != std::string_view::npos) part = TrimValue(part.substr(0, gap));
        if (!part.empty() && !found->source && part.size() <= 120) found->source = std::string(part);
      }
      break;
    }
    case Field::kEditors:
      for (std::string& name : SplitNames(value)) AddUnique(&found->editors, std::move(name));
      break;
    default:
      break;
  }
}

void MetadataExtractor::FromLine(std::string_view folded, bool head, const DateContext& context,
                                 Found* found) const {
  // "Reporting by A; Editing by B": each part is a credit of its own.
  if (size_t semi = folded.find(';'); semi != std::string_view::npos && semi > 0) {
    FromLine(TrimValue(folded.substr(0, semi)), head, context, found);
    FromLine(TrimValue(folded.substr(semi + 1)), head, context, found);
    return;
  }
  std::vector<LabelHit> hits = matcher_.Labels(folded);
  if (!hits.empty()) {
    std::string_view prefix = TrimValue(folded.substr(0, hits[0].label_begin));
    if (!prefix.empty()) FromLine(prefix, head, context, found);
    for (size_t j = 0; j < hits.size(); ++j) {
      size_t end = j + 1 < hits.size() ? hits[j + 1].label_begin : folded.size();
      FromValue(hits[j].field, folded.substr(hits[j].value_begin, end - hits[j].value_begin), context, found);
    }
    return;
  }
  Field field;
  std::string_view value;
  if (matcher_.Byline(folded, &field, &value)) {
    if (field == Field::kAuthors && folded.starts_with("BY ")) {
      // An all-caps "BY JANE ROE" line is a style: the name is Jane Roe. ("By STEVE ROE" keeps
      // the name as written.)
      size_t n_before = found->authors.size();
      FromValue(field, value, context, found);
      for (size_t k = n_before; k < found->authors.size(); ++k) found->authors[k] = TitleCase(found->authors[k]);
      return;
    }
    if (field == Field::kDate) {
      // "Posted on June 3, 2024 by Jane Roe"
      static const RE2 kBy("(?i)^(.*?)\\s+by\\s+(.+)$");
      re2::StringPiece g[3];
      if (kBy.Match(value, 0, value.size(), RE2::ANCHOR_BOTH, g, 3)) {
        FromValue(Field::kDate, g[1], context, found);
        FromValue(Field::kAuthors, g[2], context, found);
        return;
      }
    }
    FromValue(field, value, context, found);
    return;
  }
  if (auto m = dates_.Find(folded, context); m && OpensDateRange(dates_, folded, *m, context)) return;
  // A bare line of the head: a date, names, or both ("Jane Roe - yesterday", "1天前 海姑娘",
  // "Jane Roe · Daily Star"). Each part between separators is read on its own, so that a date or
  // an outlet beside the names does not end up in them.
  for (std::string_view part : SplitParts(folded)) {
    std::string_view rest = TrimValue(part);
    if (auto m = dates_.Find(rest, context)) {
      if (m->date.year > 0) TakeDate(*m, found);
      std::string_view before = TrimValue(rest.substr(0, m->begin));
      std::string_view after = TrimValue(rest.substr(m->end));
      rest = before.size() >= after.size() ? before : after;
      // "site.com 2004年7月16日08:19 [ 张三 ]": the names may be the shorter side.
      std::string_view other = before.size() >= after.size() ? after : before;
      if (!other.empty() && !LooksLikeNames(rest) && LooksLikeNames(other)) rest = other;
    }
    // "2020年11月26日 08:04　江城新闻网": an outlet's name beside the date (not "本报", this paper).
    static const RE2 kHanOutlet("^\\p{Han}{1,10}(?:网|报|社|台|新闻|客户端|频道)$");
    if (head && !rest.empty() && !rest.starts_with("本") && RE2::FullMatch(rest, kHanOutlet) && rest.size() >= 9) {
      if (!found->org_source) found->org_source = std::string(rest);
      continue;
    }
    if (!head || rest.empty() || !LooksLikeNames(rest)) continue;
    // An unlabelled credit: a person is the author, an organisation ("Washington Post | date") the
    // source. (A labelled "Author: Office of X" stays an author.)
    std::vector<std::string> names = SplitNames(rest);
    for (size_t k = 0; k < names.size(); ++k) {
      std::string& name = names[k];
      if (k > 0 && IsJobTitle(name)) break;  // "Jane Roe, Staff Attorney, Some Program"
      if (LooksLikeOrganisation(name) || name.starts_with("The ")) {
        if (!found->org_source) found->org_source = std::move(name);
      } else if (IsHanWordNotName(name) || IsMenuWords(name)) {
        continue;  // "编者按" above an editor's note, "My Account"
      } else {
        if (found->authors.empty()) found->bare_authors = true;
        AddUnique(&found->authors, std::move(name));
      }
    }
  }
}

void MetadataExtractor::Extract(std::string_view text, const std::vector<Line>& lines,
                                const DateContext& context, Article* article) const {
  Found found;
  Metadata& meta = article->meta;
  std::string scratch;
  auto line_text = [&](uint32_t i) { return text.substr(lines[i].begin, lines[i].end - lines[i].begin); };

  if (article->title_line) {
    std::string_view title = line_text(*article->title_line);
    // A byline sharing the title line: "Headline | By Jane Roe", "标题 本报记者 张三".
    std::string_view head, by;
    if (SplitTitleByline(title, &head, &by)) {
      title = head;
      FromLine(normalizer_.Fold(by, &scratch), true, context, &found);
    }
    meta.title = std::string(title);
  }

  std::optional<uint32_t> first_body;
  std::optional<uint32_t> last_body;
  std::vector<uint32_t> copyright_lines;
  // The head of the article runs to its second paragraph: rendered pages put the byline and date
  // under a standfirst or a caption as often as above them (the boilerplate stage marks such
  // lines as metadata in the same window).
  // Lines after the last body line are the tail (credits), never the head.
  uint32_t paragraphs = 0;
  uint32_t tail = article->last_line + 1;
  for (uint32_t i = article->last_line + 1; i-- > article->first_line;) {
    if (article->roles[i - article->first_line] == Role::kBody && !lines[i].f.blank) break;
    tail = i;
  }
  for (uint32_t i = article->first_line; i <= article->last_line; ++i) {
    Role role = article->roles[i - article->first_line];
    if (role == Role::kBody && !lines[i].f.blank) {
      if (!first_body) first_body = i;
      last_body = i;
      if (lines[i].f.terminal_punct && lines[i].f.words >= 12) ++paragraphs;
    } else if (role == Role::kMetadata) {
      std::string_view t = line_text(i);
      Field below = (t == "By" || t == "by" || t == "BY" || t == "By:" || t == "BY:") ? Field::kAuthors
                                                                                       : lines[i].f.label_only;
      if (below != Field::kNone && i < article->last_line &&
          article->roles[i + 1 - article->first_line] == Role::kMetadata) {
        // "By" / "Jane Roe", "Author of the article:" / "Jane Roe": the value is the next line.
        FromValue(below, normalizer_.Fold(line_text(i + 1), &scratch), context, &found);
        ++i;
        continue;
      }
      const bool head = !first_body || (paragraphs < 2 && i < article->first_line + 20 && i < tail);
      // A credit at the end ("Reporting by A in X and B in Y") repeats the byline of the head,
      // often with other spellings and more names: the head's authors stand.
      const size_t head_authors = head ? 0 : found.authors.size();
      const size_t before = found.authors.size();
      FromLine(normalizer_.Fold(t, &scratch), head, context, &found);
      if (head_authors > 0) found.authors.resize(head_authors);
      // "Jane Roe, Staff Attorney" / "& John Doe, Director of X": a byline that goes on to the next
      // line with "&" or "and" names one more author (up to the job title).
      if (head && found.authors.size() > before && i < article->last_line) {
        std::string_view next = TrimSpace(line_text(i + 1));
        static const RE2 kMore("^(?:&|(?i:and))\\s+([^,;|]{3,60}?)\\s*(?:[,;|].*)?$");
        re2::StringPiece g[2];
        if (lines[i + 1].f.chars <= 160 && kMore.Match(next, 0, next.size(), RE2::ANCHOR_BOTH, g, 2) &&
            IsPersonName(g[1])) {
          AddUnique(&found.authors, std::string(g[1]));
          ++i;
        }
      }
    } else if (role == Role::kBoilerplate && article->rules[i - article->first_line] == "copyright") {
      copyright_lines.push_back(i);
    }
  }

  // The first sentence: datelines give the source, a date, and Chinese reporters.
  if (first_body) {
    std::string_view body = normalizer_.Fold(line_text(*first_body), &scratch);
    std::string_view head = body.substr(0, std::min<size_t>(body.size(), options_.first_sentence_bytes));
    std::string_view source;
    size_t dateline_end = 0;
    bool dateline = matcher_.Dateline(head, &source, &dateline_end);
    if (dateline && !found.source) {
      std::string_view s = TrimValue(source);
      if (!s.empty()) found.source = std::string(s);
    }
    if (!found.date) {
      if (auto m = dates_.Find(head, context); m && m->date.year > 0 && m->date.day > 0 &&
                                               (!m->yearless || dateline)) {
        found.date = m->date;
      }
    }
    if (found.authors.empty()) {
      static const RE2 kReporters("^.{0,80}?[(]\\s*(?:本报|特约|见习)?记者\\s*([^)]{2,40})[)]");
      re2::StringPiece g[2];
      if (kReporters.Match(head, 0, head.size(), RE2::ANCHOR_START, g, 2)) {
        for (std::string& name : SplitNames(g[1])) AddUnique(&found.authors, std::move(name));
      }
    }
  }

  if (!found.source) {
    static const RE2 kCopyright(
        "(?i)^(?:copyright|©|\\(c\\)|\\s)*(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?)?\\s*[,.]?\\s*(?:©\\s*)?"
        "([^,;|]{2,60}?)\\s*(?:[.,;|]\\s.*|[.,;|]|\\s+all rights reserved.*)?$");
    static const RE2 kCnCopyright(
        "版权归(.{2,30}?)所有|^[(]?本文(?:系|为)(.{2,30}?)(?:原创|独家|稿件)|版权所有\\s*[:]?\\s*(?:©\\s*)?(?:\\d{4}\\s*)?([^\\s,，。]{2,30})");
    // "版权所有" ("all rights reserved") and its kin are no holder's name.
    static const RE2 kNotName("版权|未经|转载|许可|所有");
    for (uint32_t i : copyright_lines) {
      std::string_view line = normalizer_.Fold(line_text(i), &scratch);
      re2::StringPiece g[4];
      if (kCnCopyright.Match(line, 0, line.size(), RE2::UNANCHORED, g, 4)) {
        for (int k = 1; k <= 3; ++k) {
          if (g[k].data() && !TrimValue(g[k]).empty() && !RE2::PartialMatch(g[k], kNotName)) {
            found.source = std::string(TrimValue(g[k]));
            break;
          }
        }
      } else if ((line.starts_with("©") || line.starts_with("(c)") || line.starts_with("Copyright") ||
                  line.starts_with("copyright")) &&
                 kCopyright.Match(line, 0, line.size(), RE2::ANCHOR_BOTH, g, 2)) {
        std::string_view s = TrimValue(g[1]);
        if (!s.empty() && !HasDigit(s) && s.find("rights") == std::string_view::npos && !RE2::PartialMatch(s, kNotName)) {
          found.source = std::string(s);
        }
      }
      if (found.source) break;
    }
  }

  // An unlabelled "name" that is a step of a breadcrumb path near the head is the page's section,
  // not a person.
  if (found.bare_authors) {
    std::erase_if(found.authors, [&](const std::string& name) {
      return SectionNear(text, lines, article->first_line, name);
    });
    if (found.authors.empty()) found.bare_authors = false;
  }

  // Unlabelled names are the weakest evidence: a credit with a "By" or beside the date wins.
  if (found.authors.empty() || found.bare_authors) {
    Found credit;
    FindCredit(text, lines, *article, context, /*weak_ok=*/false, &credit);
    if (credit.authors.empty() && found.authors.empty()) FindCredit(text, lines, *article, context, true, &credit);
    if (!credit.authors.empty()) found.authors = std::move(credit.authors);
  }

  if (!found.source) found.source = std::move(found.org_source);
  meta.authors = std::move(found.authors);
  meta.editors = std::move(found.editors);
  meta.source = std::move(found.source);
  meta.published = found.date;
  meta.truncated = last_body && lines[*last_body].f.ends_with_ellipsis;

  std::string body;
  for (uint32_t i = article->first_line; i <= article->last_line && body.size() < 4000; ++i) {
    if (article->roles[i - article->first_line] == Role::kBody) body.append(line_text(i)).push_back('\n');
  }
  if (body.empty() && meta.title) body = *meta.title;
  article->lang = DetectLang(body);
}

std::vector<std::string> MetadataExtractor::CreditAt(std::string_view text, const std::vector<Line>& lines,
                                                     uint32_t i, const DateContext& context,
                                                     bool names_beside_date, bool* weak) const {
  std::vector<std::string> names;
  *weak = false;
  const LineFeatures& f = lines[i].f;
  if (f.blank) return names;
  if (f.meta_field == Field::kEditors || f.meta_field == Field::kSource) return names;  // "责编：张三"
  std::string scratch;
  auto folded_line = [&](uint32_t k, std::string* buf) {
    return normalizer_.Fold(TrimSpace(text.substr(lines[k].begin, lines[k].end - lines[k].begin)), buf);
  };
  std::string_view t = folded_line(i, &scratch);
  if (f.chars > 120) {
    // "By Jane on June 3, 2024 | 18 Comments. This post ...": a byline run into one line with the
    // text after it ends at the first bar.
    size_t bar = t.find(" | ");
    if (!f.byline || !t.starts_with("By ") || bar == std::string_view::npos || bar > 100) return names;
    t = t.substr(0, bar);
  }
  // The names of a value: its parts up to a job title or an affiliation, dates cut off; every
  // name must have a person's shape.
  auto person_names = [&](std::string_view value, bool all) {
    std::vector<std::string> out;
    for (std::string_view part : SplitParts(value)) {
      part = TrimValue(part);
      bool on_date = false;  // "Jane on June 3, 2024"
      static const RE2 kNameOnDate("(?i)^(.*?)\\s+on\\s+(.+)$");
      re2::StringPiece d[3];
      if (kNameOnDate.Match(part, 0, part.size(), RE2::ANCHOR_BOTH, d, 3)) {
        auto m = dates_.Find(d[2], context);
        if (m && m->date.year > 0 && m->begin <= 4) {  // (a day the parser left out: "31. October, 2023")
          part = TrimValue(d[1]);
          on_date = true;
        }
      }
      if (auto m = on_date ? std::nullopt : dates_.Find(part, context)) {
        std::string_view before = TrimValue(part.substr(0, m->begin));
        static const RE2 kOn("(?i)^(.*?)\\s+(?:on|at)$");
        re2::StringPiece g[2];
        if (kOn.Match(before, 0, before.size(), RE2::ANCHOR_BOTH, g, 2)) {
          before = TrimValue(g[1]);
          on_date = m->date.year > 0;
        }
        part = before;
      }
      if (part.empty()) continue;
      bool stop = false;
      for (std::string& name : SplitNames(part)) {
        if (IsJobTitle(name)) {
          stop = true;
          break;
        }
        // A blogger's one name stands in a byline with its date: "By Jane on June 3, 2024".
        static const RE2 kOneName("\\p{Lu}\\p{Ll}{2,20}");
        static const RE2 kNotOneName("(?i)admin|administrator|team|guest|anonymous|user|webmaster|moderator|author");
        if (IsPersonName(name) || (on_date && RE2::FullMatch(name, kOneName) && !IsMenuWords(name) &&
                                   !RE2::FullMatch(name, kNotOneName))) {
          AddUnique(&out, std::move(name));
        } else if (all) {
          return std::vector<std::string>();
        }
      }
      if (stop || !out.empty()) break;
    }
    return out;
  };
  // "By" (or "Written by", "作者：") alone, the names on the next line.
  static const RE2 kByAbove("(?i)^(?:[|•·]\\s*)?(?:by|written by|words written by|words by|posted by|story by|text by)\\s*:?$");
  if (RE2::FullMatch(t, kByAbove) || f.label_only == Field::kAuthors) {
    for (uint32_t k = i + 1; k < lines.size() && k <= i + 2; ++k) {
      if (lines[k].f.blank) continue;
      std::string buf;
      if (lines[k].f.chars <= 100) names = person_names(folded_line(k, &buf), true);
      break;
    }
    return names;
  }
  // "By Jane Roe", "记者 张三" (not "Reporting by", a tail credit, nor a photo credit).
  Field field;
  std::string_view value;
  if (f.byline && matcher_.Byline(t, &field, &value) && field == Field::kAuthors) {
    static const RE2 kTailCredit("(?i)^(?:reporting|writing|additional|photos?|images?|video)\\b");
    if (RE2::PartialMatch(t, kTailCredit)) return names;
    names = person_names(value, false);
    if (t.starts_with("BY ")) {
      for (std::string& n : names) n = TitleCase(n);
    }
    return names;
  }
  // "June 3, 2024 by Jane Roe", "Written by Jane Roe, PhD on June 3, 2024", "整合 X记者 张三".
  static const RE2 kInnerBy(
      "(?i:^|\\s|[|•·])(?i:(written|posted|words|story|text|photos?|images?|illustrations?|video|edited|"
      "reviewed|produced|designed|powered|hosted|supported|sponsored|presented|brought)\\s+)?(?i:by)\\s+(.+)$");
  static const RE2 kHanReporter("(?:记者|通讯员)\\s*(\\p{Han}{2,4}(?:[\\s、]+\\p{Han}{2,4})*)(?:\\s|$|[)）\\]】])");
  re2::StringPiece g[3];
  if (kInnerBy.Match(t, 0, t.size(), RE2::UNANCHORED, g, 3)) {
    std::string_view verb = g[1].data() ? std::string_view(g[1]) : std::string_view();
    bool credit_verb = verb.empty() || verb == "written" || verb == "Written" || verb == "posted" ||
                       verb == "Posted" || verb == "words" || verb == "Words" || verb == "story" ||
                       verb == "Story" || verb == "text" || verb == "Text";
    if (credit_verb && (f.has_date || !verb.empty() || g[0].data() == t.data())) {
      names = person_names(g[2], false);
      static const RE2 kTrailer("(?i)^(.*?)\\s+\\d+\\s+comments?$");
      if (names.empty()) {
        re2::StringPiece h[2];
        std::string_view v = g[2];
        if (kTrailer.Match(v, 0, v.size(), RE2::ANCHOR_BOTH, h, 2)) names = person_names(h[1], false);
      }
      if (!names.empty()) return names;
    }
  }
  if (f.chars <= 40 && kHanReporter.Match(t, 0, t.size(), RE2::UNANCHORED, g, 2)) {
    for (std::string& name : SplitNames(g[1])) {
      if (IsPersonName(name)) AddUnique(&names, std::move(name));
    }
    if (!names.empty()) return names;
  }
  // A line of names above a job title ("Jane Roe" / "Political Editor").
  if (f.words <= 5 && !f.terminal_punct && f.boilerplate_rule < 0 && LooksLikeNames(t)) {
    for (uint32_t k = i + 1; k < lines.size() && k <= i + 2; ++k) {
      if (lines[k].f.blank) continue;
      std::string buf;
      std::string_view below = folded_line(k, &buf);
      if (lines[k].f.words <= 4 && !lines[k].f.terminal_punct && IsJobTitle(below) && !IsPersonName(below)) {
        names = person_names(t, true);
        if (!names.empty()) return names;
      }
      break;
    }
  }
  // A line of names beside a date line ("Jane Roe" above "June 3, 2024"), not a menu.
  if (names_beside_date && f.words <= 8 && !f.terminal_punct && !f.menu_like && f.link_like < 0.25f &&
      f.chrome_rule < 0) {
    auto date_line = [&](uint32_t k) {
      const LineFeatures& d = lines[k].f;
      return (d.date_only && d.chars <= 60) || (d.has_date && d.chars <= 40);  // "June 3 2024, 3:18 p.m."
    };
    bool beside = false;
    for (uint32_t k = i; k-- > 0 && k + 2 >= i;) {
      if (lines[k].f.blank) continue;
      beside = date_line(k);
      break;
    }
    for (uint32_t k = i + 1, skipped = 0; !beside && k < lines.size() && k <= i + 3; ++k) {
      if (lines[k].f.blank) continue;
      beside = date_line(k);
      // A button between the name and the date ("Jane Roe" / "+ Follow" / "Published: ..."): one
      // short line with no letter-case name in it.
      const LineFeatures& b = lines[k].f;
      if (!beside && skipped == 0 && b.words <= 2 && b.chars <= 12 && !b.has_date && !b.terminal_punct) {
        std::string buf;
        if (!LooksLikeNames(folded_line(k, &buf))) {
          ++skipped;
          continue;
        }
      }
      break;
    }
    if (beside && f.boilerplate_rule < 0) {
      names = person_names(t, true);  // "Jane Roe Parliamentary editor" too
      if (!names.empty()) *weak = true;
    }
  }
  // A Chinese name alone on its line right under a headline ("标题" / "张三" / text), as essays and
  // reprints credit their author: weak evidence, taken only when nothing else names anyone.
  if (names.empty() && names_beside_date && f.cjk >= 2 && f.cjk <= 4 && f.chars == f.cjk && IsPersonName(t) &&
      !IsHanWordNotName(t) && !InMenuRun(lines, i)) {
    for (uint32_t k = i; k-- > 0 && k + 3 >= i;) {
      if (lines[k].f.blank) continue;
      if (internal::KindOf(lines[k].f) == internal::Kind::kTitleLike) {
        names.emplace_back(t);
        *weak = true;
      }
      break;
    }
  }
  // Unlabelled names: not the page's section in a breadcrumb path.
  if (*weak) std::erase_if(names, [&](const std::string& n) { return SectionNear(text, lines, i, n); });
  return names;
}

void MetadataExtractor::FindCredit(std::string_view text, const std::vector<Line>& lines, const Article& article,
                                   const DateContext& context, bool weak_ok, Found* found) const {
  bool weak = false;
  auto take = [&](std::vector<std::string> names) {
    if (names.empty() || (weak && !weak_ok)) return false;
    for (std::string& n : names) AddUnique(&found->authors, std::move(n));
    return true;
  };
  auto is_title = [&](uint32_t i) { return article.title_line && *article.title_line == i; };
  // A paragraph of text, a teaser or the end of an article: the credits of one article do not
  // reach past it.
  auto paragraph = [&](uint32_t i) {
    const LineFeatures& f = lines[i].f;
    return f.words >= 15 || f.chars >= 200 || f.ends_with_ellipsis || f.end_marker ||
           (f.inline_boilerplate && f.boilerplate_rule >= 0 && matcher_.BoilerplateName(f.boilerplate_rule) == "read-more");
  };
  const uint32_t head_end = std::min(article.last_line, article.first_line + 20);
  // The head of the article.
  for (uint32_t i = article.first_line; i <= head_end; ++i) {
    if (!is_title(i) && take(CreditAt(text, lines, i, context, true, &weak))) return;
  }
  // The lines just before it (a byline rendered above the headline, or cut off by segmentation).
  for (uint32_t i = article.first_line, n = 0; i-- > 0 && n < 15; ++n) {
    if (paragraph(i)) break;
    if (take(CreditAt(text, lines, i, context, true, &weak))) return;
  }
  // The rest of it.
  for (uint32_t i = head_end + 1; i <= article.last_line; ++i) {
    if (take(CreditAt(text, lines, i, context, true, &weak))) return;
  }
  // A Chinese credit in parentheses that ends one of the last paragraphs: "……。（记者 张三 李四）",
  // "（本报记者 张三 北京报道）", "（某台记者 张三）", "（张三 上海报道）", "（某报 张三 上海报道）".
  static const RE2 kParenCredit(
      "\\((?:[^()\\s]{0,15}?(?:记者|通讯员|实习生)[\\s:]*|[^()\\s]{2,15}\\s+)?" "?((?:\\p{Han}{2,4}[\\s、]*){1,4}?)"
      "(?:\\s*\\p{Han}{2,6}报道)?\\)\\s*$");
  static const RE2 kCreditCue("(?:记者|通讯员|实习生|报道)[^()]*\\)\\s*$");
  // (Also on the line or two just after it: segmentation leaves a lone credit line outside.)
  uint32_t scan_from = article.last_line;
  for (uint32_t k = article.last_line + 1, m = 0; k < lines.size() && m < 2; ++k) {
    if (lines[k].f.blank) continue;
    ++m;
    std::string scratch;
    std::string_view t = normalizer_.Fold(text.substr(lines[k].begin, lines[k].end - lines[k].begin), &scratch);
    if (RE2::PartialMatch(t, kCreditCue)) {  // a last paragraph left outside, with its credit
      scan_from = k;
      break;
    }
    if (paragraph(k)) break;
    scan_from = k;
  }
  // (The five lines are the article's own: lines after it that the scan starts from do not count.)
  for (uint32_t i = scan_from + 1, n = 0; i-- > article.first_line && n < 5;) {
    if (lines[i].f.blank || is_title(i)) continue;
    if (i <= article.last_line) ++n;
    std::string scratch;
    std::string_view t = normalizer_.Fold(text.substr(lines[i].begin, lines[i].end - lines[i].begin), &scratch);
    re2::StringPiece g[2];
    const size_t open = t.rfind('(');
    if (open == std::string_view::npos || !RE2::PartialMatch(t.substr(open), kCreditCue)) continue;
    if (!kParenCredit.Match(t, open, t.size(), RE2::ANCHOR_START, g, 2)) continue;
    // "（总台记者 张三）": the outlet before the reporter's title is not a name.
    std::string_view value = g[1];
    size_t cut = std::string_view::npos, cut_end = 0;
    for (std::string_view role : {"记者", "通讯员", "实习生"}) {
      if (size_t at = value.find(role); at < cut) cut = at, cut_end = at + role.size();
    }
    if (cut != std::string_view::npos) value = value.substr(cut_end);
    std::vector<std::string> names;
    for (std::string& name : SplitNames(value)) {
      if (IsPersonName(name)) names.push_back(std::move(name));
    }
    if (take(std::move(names))) return;
  }
  // Just after it: a Chinese reporter credit under the last paragraph ("记者 张三 报道"), not the
  // byline of the next article (under its headline).
  for (uint32_t i = article.last_line + 1, n = 0; i < lines.size() && n < 2; ++i) {
    if (lines[i].f.blank) continue;
    ++n;
    if (paragraph(i)) break;
    std::string scratch;
    std::string_view t = normalizer_.Fold(text.substr(lines[i].begin, lines[i].end - lines[i].begin), &scratch);
    // A headline-like line is the next article's, unless it ends in a reporter and a name.
    static const RE2 kCreditEnd("(?:记者|通讯员)\\s*\\p{Han}{2,4}\\s*$");
    if (internal::KindOf(lines[i].f) == internal::Kind::kTitleLike && !RE2::PartialMatch(t, kCreditEnd)) break;
    static const RE2 kHanCredit("(?:记者|通讯员)");
    if (!RE2::PartialMatch(t, kHanCredit)) continue;
    // The next article's byline stands above its text.
    bool text_below = false;
    for (uint32_t k = i + 1, m = 0; k < lines.size() && m < 2 && !text_below; ++k) {
      if (lines[k].f.blank) continue;
      ++m;
      text_below = paragraph(k);
    }
    if (!text_below && take(CreditAt(text, lines, i, context, false, &weak))) return;
  }
  // An author's note ("Jane Roe is a senior writer covering ..."), in the article or just under it.
  static const RE2 kBio(
      "^(\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,3})\\s+(?:is|was)\\s+(?:a|an|the)\\s+"
      "[^.]{0,60}?\\b(?:writer|reporter|editor|correspondent|journalist|producer|columnist|contributor|"
      "author|historian|freelancer|blogger)s?\\b");
  for (uint32_t i = article.first_line; i < lines.size() && i <= article.last_line + 10; ++i) {
    if (lines[i].f.blank || lines[i].f.words < 8) continue;
    std::string scratch;
    std::string_view t = normalizer_.Fold(text.substr(lines[i].begin, lines[i].end - lines[i].begin), &scratch);
    re2::StringPiece g[2];
    if (kBio.Match(t, 0, t.size(), RE2::ANCHOR_START, g, 2) && IsPersonName(g[1])) {
      weak = false;
      take({std::string(g[1])});
      return;
    }
  }
}

std::optional<Date> MetadataExtractor::NearbyDate(std::string_view text, const std::vector<Line>& lines,
                                                  const Article& article, const DateContext& context,
                                                  uint32_t lower, uint32_t upper) const {
  auto date_at = [&](uint32_t i) { return ShortLineDate(text, lines, i, context, /*day_needed=*/false); };
  auto paragraph = [&](uint32_t i) { return lines[i].f.words >= 15 || lines[i].f.chars >= 200; };
  // The article's own head: a line it removed as boilerplate ("栏目 2022-02-14 03:01 · 阅读 · 喜欢").
  for (uint32_t i = article.first_line; i <= article.last_line && i < article.first_line + 6; ++i) {
    const size_t k = i - article.first_line;
    if (k < article.roles.size() && article.roles[k] == Role::kBoilerplate) {
      if (auto d = date_at(i); d && d->day > 0) return d;
    }
    if (k < article.roles.size() && article.roles[k] == Role::kBody && paragraph(i)) break;
  }
  for (uint32_t i = article.first_line, n = 0; i-- > lower && n < 4;) {
    if (lines[i].f.blank) continue;
    ++n;
    if (paragraph(i)) break;
    if (auto d = date_at(i)) return d;
  }
  for (uint32_t i = article.last_line + 1, n = 0; i < std::min<size_t>(lines.size(), upper) && n < 2; ++i) {
    if (lines[i].f.blank) continue;
    ++n;
    if (paragraph(i)) break;
    if (auto d = date_at(i)) return d;
  }
  return std::nullopt;
}

std::optional<Date> MetadataExtractor::ShortLineDate(std::string_view text, const std::vector<Line>& lines, uint32_t i,
                                                     const DateContext& context, bool day_needed) const {
  const LineFeatures& f = lines[i].f;
  if (!f.has_date || f.chars > 100) return std::nullopt;
  std::string scratch;
  std::string_view t = normalizer_.Fold(text.substr(lines[i].begin, lines[i].end - lines[i].begin), &scratch);
  auto m = dates_.Find(t, context);
  if (!m || m->relative || m->date.year <= 0 || m->date.month <= 0 || (day_needed && m->date.day <= 0)) return std::nullopt;
  if (OpensDateRange(dates_, t, *m, context)) return std::nullopt;
  return m->date;
}

std::string DetectLang(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  uint32_t han = 0, kana = 0, hangul = 0, cyrillic = 0, latin = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin;
    } else if (c >= 0x3040 && c <= 0x30FF) {
      ++kana;
    } else if ((c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)) {
      ++han;
    } else if (c >= 0xAC00 && c <= 0xD7AF) {
      ++hangul;
    } else if (c >= 0x0400 && c <= 0x04FF) {
      ++cyrillic;
    } else if (c >= 0xC0 && c <= 0x24F) {
      ++latin;
    }
  }
  // A CJK character carries about as much as a Latin word: weigh it like 3 letters.
  const uint32_t cjk = han + kana + hangul;
  if (cjk * 3 > latin && cjk > 0) {
    if (hangul > han) return "ko";
    if (kana * 10 > cjk) return "ja";
    return "zh";
  }
  if (cyrillic > latin) return "ru";
  if (latin == 0) return "und";
  // Latin script: English when its commonest words are frequent enough (a plain word scan).
  static constexpr std::string_view kCommon[] = {"the", "and", "of", "to", "in", "is", "that", "for", "was", "with"};
  uint32_t hits = 0, words = 0;
  std::string word;
  const std::string_view sample = text.substr(0, std::min<size_t>(text.size(), 2000));
  for (size_t i = 0; i <= sample.size(); ++i) {
    char c = i < sample.size() ? sample[i] : ' ';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word.push_back(static_cast<char>(c | 0x20));
      continue;
    }
    if (word.empty()) continue;
    ++words;
    if (word.size() <= 4 && std::find(std::begin(kCommon), std::end(kCommon), word) != std::end(kCommon)) ++hits;
    word.clear();
  }
  return words > 0 && hits * 100 >= words * 6 ? "en" : "und";
}

}  // namespace newsclip
