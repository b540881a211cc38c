// newsclip/dates.h: finds publication dates in a line and gives them at the precision the line
// states. Month names come from ICU locale data (en, zh and the major European locales), so a new
// language is a data change; dates are validated with ICU's Gregorian calendar.
//
//   newsclip::DateParser dates;
//   std::optional<newsclip::DateMatch> m = dates.Find("22:45:02 on June 08, 2022", {});
//   m->date.ToIso();   // "2022-06-08T22:45:02"
//
// Input is a width-folded line (normalize.h). A yearless date ("9月23日", "Sept. 23") comes back
// with year -1 and `yearless` set, unless DateContext gives a year to use. Relative dates
// ("yesterday", "3 hours ago", "前天 20:04") need DateContext::anchor (the crawl date).
// Thread-safe: all methods are const.
#ifndef NEWSCLIP_DATES_H_
#define NEWSCLIP_DATES_H_

#include <memory>
#include <optional>
#include <string_view>

#include "newsclip/types.h"

namespace newsclip {

struct DateContext {
  std::optional<Date> anchor;  // the crawl date: anchors relative and yearless dates
  int default_year = -1;       // year for a yearless date when there is no anchor (-1: none)
  bool allow_year_only = false;  // accept "2022" / "2022年" alone (only in a labelled value)
};

struct DateMatch {
  size_t begin = 0;  // byte range of the match in the input
  size_t end = 0;
  Date date;
  bool yearless = false;  // the year was not stated
  bool relative = false;  // "yesterday", "3 hours ago"
};

class DateParser {
 public:
  DateParser();
  ~DateParser();
  DateParser(const DateParser&) = delete;
  DateParser& operator=(const DateParser&) = delete;

  // The leftmost date in `text`, with a time and zone next to it when there is one; among dates
  // that start at the same place, the most precise. nullopt when there is none.
  std::optional<DateMatch> Find(std::string_view text, const DateContext& context) const;

  // True when the stated fields form a real calendar date and time (ICU Gregorian calendar).
  static bool IsValid(const Date& date);

  // Month number (1-12) for a month name or abbreviation in any loaded locale, 0 when unknown.
  int MonthNumber(std::string_view name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The date in a URL's path, at the precision it gives: ".../2020/02/24/slug" -> 2020-02-24,
// ".../2019-11-18-title" -> 2019-11-18, ".../20200224/..." -> 2020-02-24, ".../2020/02/" -> 2020-02.
// nullopt when the path holds no valid date.
std::optional<Date> DateFromUrl(std::string_view url);

// Parses "YYYY[-MM[-DD]]" (a crawl date given by the user or a JSONL field; also accepts a full
// ISO timestamp, keeping the day). nullopt when malformed.
std::optional<Date> ParseIsoDate(std::string_view s);

}  // namespace newsclip

#endif  // NEWSCLIP_DATES_H_
