// newsclip/metadata.h: extracts an article's title, authors, publication date, source, editors
// and truncation from its lines, for English and Chinese conventions: labelled fields
// ("Author:", "作者：", "来源：", "责任编辑："), bylines ("By ...", "记者 ...", "文/..."), date lines,
// datelines in the first sentence ("LONDON (Reuters) -", "新华社北京9月23日电（记者 ...）",
// "<outlet> on <date>."), copyright lines, and the machine-translated "Source: Editors of X: A, B".
//
//   newsclip::MetadataExtractor extractor(matcher, normalizer, dates);
//   extractor.Extract(text, lines, context, &article);   // roles already set (boilerplate.h)
//
// Thread-safe: Extract is const.
#ifndef NEWSCLIP_METADATA_H_
#define NEWSCLIP_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "newsclip/dates.h"
#include "newsclip/normalize.h"
#include "newsclip/rules.h"
#include "newsclip/types.h"

namespace newsclip {

struct MetadataOptions {
  uint32_t first_sentence_bytes = 240;  // how far into the first body line to look for a dateline (240)
};

class MetadataExtractor {
 public:
  MetadataExtractor(const RuleMatcher& matcher, const Normalizer& normalizer, const DateParser& dates,
                    MetadataOptions options = {});

  // Fills article->meta and article->lang. `context` anchors relative and yearless dates.
  void Extract(std::string_view text, const std::vector<Line>& lines, const DateContext& context,
               Article* article) const;

  // A date the article's metadata lines do not state: on a line it removed as boilerplate in its
  // head (a stats line: "栏目 date · 阅读 · 喜欢"), else (a day, or a month: "《某刊》1996年6月号")
  // on a short line just around it: up to four lines above its first line or two below its last,
  // not past a paragraph nor into lines [0, lower) and [upper, ...), where other articles are,
  // whatever role those lines have (a header strip, a footer "posted on" line, a magazine issue).
  // Used for the page's main article when it states no date of its own.
  std::optional<Date> NearbyDate(std::string_view text, const std::vector<Line>& lines, const Article& article,
                                 const DateContext& context, uint32_t lower, uint32_t upper) const;

  // The date on line i when the line is short (100 characters or fewer): a day, or with
  // `day_needed` false also a month; relative dates ("yesterday") do not count.
  std::optional<Date> ShortLineDate(std::string_view text, const std::vector<Line>& lines, uint32_t i,
                                    const DateContext& context, bool day_needed = true) const;

  // Splits a credit value into names: "A, B and C", "张三、李四", "记者 张三 通讯员 李四".
  static std::vector<std::string> SplitNames(std::string_view value);

 private:
  struct Found;
  static void TakeDate(const DateMatch& m, Found* found);
  void FromLine(std::string_view folded, bool head, const DateContext& context, Found* found) const;
  void FromValue(Field field, std::string_view value, const DateContext& context, Found* found) const;
  // When the article's metadata lines name no author: a credit its roles did not mark, looked for
  // in its head, in the lines just before it, in the rest of it, just after it, and in the page's
  // first line (its <title>). Only person-shaped names count; a line of names beside a date line
  // (weak evidence) only when `weak_ok`.
  void FindCredit(std::string_view text, const std::vector<Line>& lines, const Article& article,
                  const DateContext& context, bool weak_ok, Found* found) const;
  // The names line `i` credits, if it is a credit; *weak when it is only a line of names beside a
  // date line.
  std::vector<std::string> CreditAt(std::string_view text, const std::vector<Line>& lines, uint32_t i,
                                    const DateContext& context, bool names_beside_date, bool* weak) const;
  // True when an unlabelled `name` is a step of a breadcrumb path on a line within ten of line `i`
  // (the page's section, not a person).
  bool SectionNear(std::string_view text, const std::vector<Line>& lines, uint32_t i, std::string_view name) const;

  const RuleMatcher& matcher_;
  const Normalizer& normalizer_;
  const DateParser& dates_;
  MetadataOptions options_;
};

// A language tag for a text from its scripts ("zh", "ja", "ko", "ru", "en") or "und".
std::string DetectLang(std::string_view text);

}  // namespace newsclip

#endif  // NEWSCLIP_METADATA_H_
