// Tests of the dates stage (dates.h): DateParser::Find on the date shapes of DESIGN.md section 5,
// in English and Chinese, giving ISO 8601 exactly as precise as the text (section 2); relative
// and yearless dates anchored at the crawl date, never at the machine clock; zones only when
// stated; invalid calendar dates rejected. Also Date::ToIso and ParseIsoDate.
#include "newsclip/dates.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace newsclip {

// Failure messages show dates as ISO text plus the raw fields.
void PrintTo(const Date& d, std::ostream* os) {
  *os << "Date{" << d.year << "," << d.month << "," << d.day << "," << d.hour << "," << d.minute << ","
      << d.second << "," << (d.tz_minutes ? std::to_string(*d.tz_minutes) : "-") << "} \"" << d.ToIso() << "\"";
}

namespace {

Date Ymd(int y, int m, int d) { return Date{y, m, d}; }

struct FindCase {
  const char* text;           // a width-folded line
  const char* anchor;         // crawl date "YYYY-MM-DD", nullptr for none
  int default_year;           // DateContext::default_year
  bool allow_year_only;       // DateContext::allow_year_only
  const char* iso;            // expected Date::ToIso(), nullptr: no date found
};

void CheckFind(const DateParser& dates, const FindCase& c) {
  SCOPED_TRACE(std::string(c.text) + (c.anchor ? std::string(" @") + c.anchor : ""));
  DateContext ctx;
  if (c.anchor) {
    ctx.anchor = ParseIsoDate(c.anchor);
    ASSERT_TRUE(ctx.anchor.has_value());
  }
  ctx.default_year = c.default_year;
  ctx.allow_year_only = c.allow_year_only;
  std::optional<DateMatch> m = dates.Find(c.text, ctx);
  if (!c.iso) {
    EXPECT_FALSE(m.has_value()) << m->date.ToIso();
    return;
  }
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->date.ToIso(), c.iso);
}

class DatesTest : public ::testing::Test {
 protected:
  DateParser dates_;
};

TEST_F(DatesTest, AbsoluteDates) {
  const FindCase kCases[] = {
      {"2022.09.29", nullptr, -1, false, "2022-09-29"},
      {"2022-09-29 10:23", nullptr, -1, false, "2022-09-29T10:23"},
      {"2022/9/29", nullptr, -1, false, "2022-09-29"},
      {"29/09/2022", nullptr, -1, false, "2022-09-29"},
      {"12/25/2022", nullptr, -1, false, "2022-12-25"},  // month first when the day is over 12
      {"June 08, 2022", nullptr, -1, false, "2022-06-08"},
      {"Sept. 23, 2021", nullptr, -1, false, "2021-09-23"},
      {"14 March 2023", nullptr, -1, false, "2023-03-14"},
      {"Published: 14 March 2023, 09:12", nullptr, -1, false, "2023-03-14T09:12"},
      {"22:45:02 on June 08, 2022", nullptr, -1, false, "2022-06-08T22:45:02"},
      {"was lifted at 22:45:02 on June 08, 2022 to release", nullptr, -1, false, "2022-06-08T22:45:02"},
      {"June 8, 2022 at 12:30 a.m.", nullptr, -1, false, "2022-06-08T00:30"},
      {"2022年9月29日", nullptr, -1, false, "2022-09-29"},
      {"2022年09月29日 10:23:45", nullptr, -1, false, "2022-09-29T10:23:45"},
      {"发布时间:2022年9月29日 10:23", nullptr, -1, false, "2022-09-29T10:23"},
      {"2022年9月29日 10时23分", nullptr, -1, false, "2022-09-29T10:23"},
      // Leftmost date wins.
      {"Updated 2023-01-05, first published 2022-12-30", nullptr, -1, false, "2023-01-05"},
      // Spanish and Portuguese "de"/"del" before the month and the year.
      {"/ jueves 4 de marzo de 2021", nullptr, -1, false, "2021-03-04"},
      {"5 de março de 2021 10:15", nullptr, -1, false, "2021-03-05T10:15"},
      {"4 de marzo del 2021", nullptr, -1, false, "2021-03-04"},
      // A dotted day.month.two-digit-year standing alone.
      {"04.03.21", nullptr, -1, false, "2021-03-04"},
      {"Stand: 4.3.21, 10:15 Uhr", nullptr, -1, false, "2021-03-04T10:15"},
      {"04.03.98", nullptr, -1, false, "1998-03-04"},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

TEST_F(DatesTest, ZonesOnlyWhenStated) {
  const FindCase kCases[] = {
      {"6:23 PM GMT, Fri April 28, 2023", nullptr, -1, false, "2023-04-28T18:23+00:00"},
      {"April 28, 2023 10:00 AM EDT", nullptr, -1, false, "2023-04-28T10:00-04:00"},
      {"June 3, 2023 4:15 PM EDT", nullptr, -1, false, "2023-06-03T16:15-04:00"},
      {"Sat 12 Aug 2023 17:40 BST", nullptr, -1, false, "2023-08-12T17:40+01:00"},
      {"2023-05-14 09:30 (UTC+8)", nullptr, -1, false, "2023-05-14T09:30+08:00"},
      {"北京时间2022年9月29日 22:45", nullptr, -1, false, "2022-09-29T22:45+08:00"},
      {"2022-09-29 22:45", nullptr, -1, false, "2022-09-29T22:45"},  // no zone written: none given
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

TEST_F(DatesTest, PrecisionAsStated) {
  const FindCase kCases[] = {
      {"2022年9月", nullptr, -1, false, "2022-09"},
      {"March 2021", nullptr, -1, false, "2021-03"},
      {"Published: September 2021", nullptr, -1, false, "2021-09"},
      {"2022", nullptr, -1, true, "2022"},
      {"2021年", nullptr, -1, true, "2021"},
      {"2022", nullptr, -1, false, nullptr},  // a bare year is a date only in a labelled value
      {"2021年", nullptr, -1, false, nullptr},
      {"more than 2022 people came", nullptr, -1, false, nullptr},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

TEST_F(DatesTest, InvalidDatesRejected) {
  const FindCase kCases[] = {
      {"2022-02-30", nullptr, -1, false, nullptr},
      {"2023-02-29", nullptr, -1, false, nullptr},
      {"31 April", nullptr, 2023, false, nullptr},
      {"April 31", "2023-06-01", -1, false, nullptr},
      {"2月30日", "2023-06-01", -1, false, nullptr},
      {"25:61 on nothing", nullptr, -1, false, nullptr},
      {"2024-02-29", nullptr, -1, false, "2024-02-29"},  // a leap day is fine
      {"2月29日", "2024-06-01", -1, false, "2024-02-29"},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

// Bug: an invalid day degrades to a coarser date found inside it: "31 April 2023" gives "2023-04"
// (from "April 2023"); "2022年13月1日" gives the yearless "3月1日" (matched inside "13月1日").
TEST_F(DatesTest, InvalidDateNotReadAsAPartOfIt) {
  const FindCase kCases[] = {
      {"31 April 2023", nullptr, -1, false, nullptr},
      {"2022年13月1日", nullptr, 2022, false, nullptr},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

// Bug: "北京时间" written after the time, "22:45（北京时间）", gives no +08:00 (corpus zh-12).
TEST_F(DatesTest, BeijingTimeAfterTheTime) {
  CheckFind(dates_, {"2022年9月29日 22:45(北京时间)", nullptr, -1, false, "2022-09-29T22:45+08:00"});
}

TEST_F(DatesTest, YearlessDates) {
  const FindCase kCases[] = {
      {"9月23日", nullptr, 2022, false, "2022-09-23"},           // default year
      {"Sept. 23", nullptr, 2021, false, "2021-09-23"},
      {"9月23日", "2022-10-01", -1, false, "2022-09-23"},        // anchor year
      {"on July 19.", "2023-08-01", -1, false, "2023-07-19"},
      {"LONDON, March 3 (Reuters) -", "2023-03-05", -1, false, "2023-03-03"},
      // A yearless date after the crawl date is from the year before.
      {"Sept. 23", "2022-03-01", -1, false, "2021-09-23"},
      {"Dec. 30", "2023-01-02", -1, false, "2022-12-30"},
      {"9月23日", "2022-09-20", -1, false, "2021-09-23"},
      {"9月23日", "2022-09-23", -1, false, "2022-09-23"},        // the crawl day itself
      // The anchor beats the default year.
      {"6月19日", "2023-06-20", 1999, false, "2023-06-19"},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

TEST_F(DatesTest, YearlessWithoutYearStaysYearless) {
  const struct {
    const char* text;
    int month, day;
  } kCases[] = {{"9月23日", 9, 23}, {"Sept. 23", 9, 23}, {"23 September", 9, 23}};
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    std::optional<DateMatch> m = dates_.Find(c.text, DateContext{});
    ASSERT_TRUE(m.has_value());
    EXPECT_TRUE(m->yearless);
    EXPECT_FALSE(m->relative);
    EXPECT_EQ(m->date.year, -1);
    EXPECT_EQ(m->date.month, c.month);
    EXPECT_EQ(m->date.day, c.day);
    EXPECT_EQ(m->date.ToIso(), "");  // no year: nothing to print
  }
}

TEST_F(DatesTest, RelativeDatesNeedTheCrawlDate) {
  const FindCase kCases[] = {
      {"yesterday", "2022-03-01", -1, false, "2022-02-28"},
      {"Yesterday", "2023-01-01", -1, false, "2022-12-31"},
      {"昨天", "2024-03-01", -1, false, "2024-02-29"},
      {"昨天 18:30", "2023-03-15", -1, false, "2023-03-14T18:30"},
      {"前天 20:04", "2022-09-29", -1, false, "2022-09-27T20:04"},
      {"3 hours ago", "2022-09-29", -1, false, "2022-09-29"},  // the crawl day
      {"Jane Roe | 5 hours ago", "2023-07-21", -1, false, "2023-07-21"},
      {"2 days ago", "2022-09-29", -1, false, "2022-09-27"},
      {"2天前", "2022-09-29", -1, false, "2022-09-27"},
      {"3小时前", "2023-03-15", -1, false, "2023-03-15"},
      {"today", "2024-05-01", -1, false, "2024-05-01"},
      // So far back that no page states it (found by the dates fuzz target): no date.
      {"62222周前", "2024-05-01", -1, false, nullptr},
      {"99999 weeks ago", "2024-05-01", -1, false, nullptr},
      // Without a crawl date there is no day to count from (and never the machine clock).
      {"yesterday", nullptr, 2022, false, nullptr},
      {"昨天 18:30", nullptr, -1, false, nullptr},
      {"3 hours ago", nullptr, -1, false, nullptr},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

TEST_F(DatesTest, RelativeFlagAndSpan) {
  const struct {
    const char* text;
    const char* anchor;
    const char* span;  // text[begin, end)
    bool relative;
    bool yearless;
  } kCases[] = {
      {"Published on 2022-09-29 10:23 by Jane Roe", nullptr, "2022-09-29 10:23", false, false},
      {"时间:2022.09.29 来源:人民网", nullptr, "2022.09.29", false, false},
      {"Jane Roe | yesterday", "2023-05-02", "yesterday", true, false},
      {"来源:江城日报 2天前", "2023-05-02", "2天前", true, false},
      {"LONDON, Sept. 23 (Reuters)", "2023-10-01", "Sept. 23", false, true},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    DateContext ctx;
    if (c.anchor) ctx.anchor = ParseIsoDate(c.anchor);
    std::optional<DateMatch> m = dates_.Find(c.text, ctx);
    ASSERT_TRUE(m.has_value());
    std::string_view text = c.text;
    EXPECT_EQ(text.substr(m->begin, m->end - m->begin), c.span);
    EXPECT_EQ(m->relative, c.relative);
    EXPECT_EQ(m->yearless, c.yearless);
  }
}

TEST_F(DatesTest, NoDate) {
  const FindCase kCases[] = {
      {"The council approved the budget.", nullptr, -1, false, nullptr},
      {"Ten years ago the marsh was dry.", nullptr, -1, false, nullptr},
      {"市政府召开防汛工作会议", nullptr, -1, false, nullptr},
      {"Call 555-0100 for tickets", nullptr, -1, false, nullptr},
      {"Version 1.2.19.4 is out", nullptr, -1, false, nullptr},
      {"user04.03.2112:44", nullptr, -1, false, nullptr},
      {"host 192.168.10.12", nullptr, -1, false, nullptr},
      {"Score 31.02.21", nullptr, -1, false, nullptr},
      {"", nullptr, -1, false, nullptr},
  };
  for (const FindCase& c : kCases) CheckFind(dates_, c);
}

TEST_F(DatesTest, MonthNumber) {
  const struct {
    const char* name;
    int month;
  } kCases[] = {
      {"June", 6}, {"june", 6}, {"Jun", 6}, {"Sept", 9}, {"Sept.", 9}, {"SEPTEMBER", 9},
      {"九月", 9}, {"März", 3}, {"décembre", 12}, {"Smarch", 0}, {"", 0},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(dates_.MonthNumber(c.name), c.month);
  }
}

TEST(DateTest, ToIsoAtStatedPrecision) {
  const struct {
    Date date;
    const char* iso;
  } kCases[] = {
      {Date{2022}, "2022"},
      {Date{2022, 9}, "2022-09"},
      {Date{2022, 9, 29}, "2022-09-29"},
      {Date{2022, 9, 29, 22, 45}, "2022-09-29T22:45"},
      {Date{2022, 9, 29, 22, 45, 2}, "2022-09-29T22:45:02"},
      {Date{2022, 9, 29, 22, 45, 2, 480}, "2022-09-29T22:45:02+08:00"},
      {Date{2023, 4, 28, 10, 0, -1, -240}, "2023-04-28T10:00-04:00"},
      {Date{2023, 4, 28, 18, 23, -1, 0}, "2023-04-28T18:23+00:00"},
      {Date{2023, 4, 28, 18, 23, -1, 330}, "2023-04-28T18:23+05:30"},
      {Date{2022, 9, 29, -1, -1, -1, 480}, "2022-09-29"},  // an offset needs a time
      {Date{}, ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.iso);
    EXPECT_EQ(c.date.ToIso(), c.iso);
  }
}

TEST(DateTest, IsValid) {
  const struct {
    Date date;
    bool valid;
  } kCases[] = {
      {Ymd(2024, 2, 29), true},  {Ymd(2023, 2, 29), false}, {Ymd(2022, 4, 31), false},
      {Ymd(2022, 12, 31), true}, {Date{2022, 13}, false},   {Date{2022, 0}, false},
      {Date{2022}, true},        {Date{2022, 9, 29, 24, 0}, false}, {Date{2022, 9, 29, 23, 60}, false},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.date.year * 10000 + c.date.month * 100 + c.date.day);
    EXPECT_EQ(DateParser::IsValid(c.date), c.valid);
  }
}

TEST(DateTest, ParseIsoDate) {
  const struct {
    const char* text;
    std::optional<Date> date;
  } kCases[] = {
      {"2024-05-01", Ymd(2024, 5, 1)},
      {"2024-05", Date{2024, 5}},
      {"2024", Date{2024}},
      {"2024-05-01T12:30:00Z", Ymd(2024, 5, 1)},  // a timestamp keeps its day
      {"2024-02-29", Ymd(2024, 2, 29)},
      {"2023-02-29", std::nullopt},
      {"2024-13-01", std::nullopt},
      {"2024/05/01", std::nullopt},
      {"24-05-01", std::nullopt},
      {"May 1, 2024", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseIsoDate(c.text), c.date);
  }
}

}  // namespace
}  // namespace newsclip
