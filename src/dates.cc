// Date finding: a handful of RE2 patterns, tried at every position in one pass each; the leftmost
// match wins, ties go to the most precise pattern. Month and weekday names are read from ICU's
// DateFormatSymbols for a list of locales and compiled into the patterns at construction; any
// prefix of a wide month name of 3+ letters is accepted too ("Sept." for September).
// A time is attached when it stands right after the date ("2022-09-29 10:23", "June 8, 2022 at
// 10:23 BST") or right before it ("22:45:02 on June 08, 2022", "6:23 PM GMT, Fri April 28, 2023").
#include "newsclip/dates.h"

#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsclip {

std::string Date::ToIso() const {
  char buf[48];
  std::string out;
  if (year < 0) return out;
  std::snprintf(buf, sizeof(buf), "%04d", year);
  out = buf;
  if (month < 1) return out;
  std::snprintf(buf, sizeof(buf), "-%02d", month);
  out += buf;
  if (day < 1) return out;
  std::snprintf(buf, sizeof(buf), "-%02d", day);
  out += buf;
  if (hour < 0 || minute < 0) return out;
  std::snprintf(buf, sizeof(buf), "T%02d:%02d", hour, minute);
  out += buf;
  if (second >= 0) {
    std::snprintf(buf, sizeof(buf), ":%02d", second);
    out += buf;
  }
  if (tz_minutes) {
    int m = *tz_minutes;
    char sign = m < 0 ? '-' : '+';
    if (m < 0) m = -m;
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d", sign, m / 60, m % 60);
    out += buf;
  }
  return out;
}

namespace {

// Locales whose month and weekday names are recognised.
constexpr const char* kLocales[] = {"en", "zh", "de", "fr", "es", "it", "pt", "nl"};

std::string Lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Alternation of names, longest first so that "September" wins over "Sep".
std::string Alternation(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string& n : names) {
    if (n.empty()) continue;
    if (!out.empty()) out += '|';
    out += RE2::QuoteMeta(n);
  }
  return out;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > 100000) return -1;
  }
  return s.empty() ? -1 : v;
}

struct Zone {
  const char* name;
  int minutes;
};
constexpr Zone kZones[] = {
    {"UTC", 0},    {"GMT", 0},     {"Z", 0},       {"BST", 60},    {"CET", 60},
    {"CEST", 120}, {"EET", 120},   {"EEST", 180},  {"EDT", -240},  {"EST", -300},
    {"CDT", -300}, {"CST", -360},  {"MDT", -360},  {"MST", -420},  {"PDT", -420},
    {"PST", -480}, {"AEST", 600},  {"AEDT", 660},  {"JST", 540},   {"KST", 540},
    {"HKT", 480},  {"SGT", 480},   {"IST", 330},   {"北京时间", 480}};

std::optional<int> ZoneMinutes(std::string_view z) {
  if (z.empty()) return std::nullopt;
  if (z[0] == '+' || z[0] == '-' || z.starts_with("UTC") || z.starts_with("GMT")) {
    std::string_view rest = z;
    if (rest.starts_with("UTC") || rest.starts_with("GMT")) rest.remove_prefix(3);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    if (rest.empty()) return 0;
    int sign = rest[0] == '-' ? -1 : 1;
    rest.remove_prefix(1);
    std::string digits;
    for (char c : rest) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    int h = 0, m = 0;
    if (digits.size() <= 2) {
      h = ToInt(digits);
    } else {
      h = ToInt(digits.substr(0, digits.size() - 2));
      m = ToInt(digits.substr(digits.size() - 2));
    }
    if (h > 14 || m > 59) return std::nullopt;
    return sign * (h * 60 + m);
  }
  for (const Zone& zone : kZones) {
    if (z == zone.name) return zone.minutes;
  }
  return std::nullopt;
}

icu::Calendar* ThreadCalendar() {
  thread_local std::unique_ptr<icu::Calendar> cal;
  if (!cal) {
    UErrorCode status = U_ZERO_ERROR;
    cal = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), status);
    if (U_FAILURE(status)) return nullptr;
  }
  return cal.get();
}

// Moves a day-precision date by `days` (negative: back), with ICU's calendar arithmetic.
bool AddDays(Date* d, int days) {
  icu::Calendar* cal = ThreadCalendar();
  if (!cal) return false;
  cal->clear();
  cal->setLenient(true);
  cal->set(d->year, d->month - 1, d->day);
  UErrorCode status = U_ZERO_ERROR;
  cal->add(UCAL_DATE, days, status);
  if (U_FAILURE(status)) return false;
  d->year = cal->get(UCAL_YEAR, status);
  d->month = cal->get(UCAL_MONTH, status) + 1;
  d->day = cal->get(UCAL_DATE, status);
  return U_SUCCESS(status);
}

}  // namespace

struct DateParser::Impl {
  std::unordered_map<std::string, int> months;  // folded name -> 1..12
  // Absolute forms in order of precision (most precise first), each with group layout `kind`.
  enum class Kind { kYmd, kDmyName, kMdyName, kDmySlash, kDmyDots2, kYm, kMyName, kMdName, kDmName, kCnMd, kYear };
  struct Form {
    Kind kind;
    std::unique_ptr<RE2> re;
  };
  std::vector<Form> forms;
  std::unique_ptr<RE2::Set> form_set;  // one pass tells which forms occur at all
  std::unique_ptr<RE2> relative_en, relative_zh, time_after, time_before, zone_after, zone_before;

  Impl() {
    std::vector<std::string> month_names, weekday_names;
    for (const char* loc : kLocales) {
      UErrorCode status = U_ZERO_ERROR;
      icu::DateFormatSymbols sym{icu::Locale(loc), status};
      if (U_FAILURE(status)) continue;
      for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
        for (auto ctx : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
          int32_t n = 0;
          const icu::UnicodeString* m = sym.getMonths(n, ctx, width);
          for (int32_t i = 0; i < n && i < 12; ++i) {
            std::string name = Lower(Utf8(m[i]));
            while (!name.empty() && name.back() == '.') name.pop_back();
            if (name.empty() || (name[0] >= '0' && name[0] <= '9')) continue;
            months.emplace(name, i + 1);
            month_names.push_back(name);
            if (width == icu::DateFormatSymbols::WIDE && name.size() > 3 &&
                static_cast<unsigned char>(name[0]) < 0x80) {
              for (size_t len = 3; len < name.size(); ++len) {
                if ((static_cast<unsigned char>(name[len]) & 0xC0) == 0x80) continue;  // mid code point
                months.emplace(name.substr(0, len), i + 1);
                month_names.push_back(name.substr(0, len));
              }
            }
          }
          const icu::UnicodeString* w = sym.getWeekdays(n, ctx, width);
          for (int32_t i = 1; i < n; ++i) weekday_names.push_back(Lower(Utf8(w[i])));
        }
      }
    }
    const std::string M = "(" + Alternation(month_names) + ")";
    const std::string W = "(?:" + Alternation(weekday_names) + ")";
    const std::string zones =
        "(Z|[+-]\\d{2}:?\\d{2}|(?:UTC|GMT)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|UTC|GMT|BST|CEST|CET|EEST|EET|"
        "EDT|EST|CDT|CST|MDT|MST|PDT|PST|AEST|AEDT|JST|KST|HKT|SGT|IST|北京时间)";
    RE2::Options opt;
    opt.set_case_sensitive(false);
    opt.set_log_errors(false);
    opt.set_max_mem(64 << 20);  // the month alternations of 8 locales need more than the 8 MB default
    auto add = [&](Kind k, const std::string& pattern) {
      forms.push_back({k, std::make_unique<RE2>(pattern, opt)});
      if (!forms.back().re->ok()) throw Error("date pattern does not compile: " + forms.back().re->error());
    };
    add(Kind::kYmd, "\\b((?:19|20)\\d{2})\\s*[-./年]\\s*(\\d{1,2})\\s*[-./月]\\s*(\\d{1,2})\\b(?:\\s*[日号])?");
    add(Kind::kYmd, "((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?");
    // "3rd of May 2024", "25 de septiembre de 2020" (es, pt: "de"/"del" before the month and year).
    add(Kind::kDmyName, "\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+|de\\s+)?" + M +
                            "\\.?,?\\s+(?:del?\\s+)?((?:19|20)\\d{2})\\b");
    add(Kind::kMdyName, "\\b" + M + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b,?\\s*((?:19|20)\\d{2})\\b");
    add(Kind::kDmySlash, "\\b(\\d{1,2})[/.-](\\d{1,2})[/.-]((?:19|20)\\d{2})\\b");
    // "02.12.19": day, month and a two-digit year between dots (German short form), standing alone
    // (not "28.09.1912:44", a version "1.2.19.4" or a decimal).
    add(Kind::kDmyDots2, "(?:^|[\\s(/|,])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2})(?:$|[\\s),|])");
    add(Kind::kYm, "((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月");
    add(Kind::kMyName, "\\b" + M + "\\.?,?\\s+((?:19|20)\\d{2})\\b");
    add(Kind::kMdName, "\\b" + M + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    add(Kind::kDmName, "\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?" + M + "\\b");
    add(Kind::kCnMd, "(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");
    add(Kind::kYear, "(?:\\b|^)((?:19|20)\\d{2})(?:\\s*年|\\b)");
    form_set = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
    for (const Form& f : forms) {
      if (form_set->Add(f.re->pattern(), nullptr) < 0) throw Error("date pattern does not compile in a set");
    }
    if (!form_set->Compile()) throw Error("date patterns do not compile as a set");
    relative_en = std::make_unique<RE2>(
        "\\b(?:(\\d+|an?|one)\\s+(minute|min|hour|hr|day|week)s?\\s+ago|(yesterday)|(the day before yesterday)|"
        "(today|just now))\\b",
        opt);
    relative_zh = std::make_unique<RE2>("(\\d+)\\s*(分钟|小时|天|周)前|(昨天|昨日)|(前天)|(今天|今日|刚刚)", opt);
    time_after = std::make_unique<RE2>(
        "^\\s*(?:,|at|T|-|–|—|\\||@|·)?\\s*(\\d{1,2})\\s*[:时]\\s*(\\d{2})(?:\\s*分)?(?:\\s*:\\s*(\\d{2}))?(?:\\s*秒)?"
        "(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?:\\s|$|,|\\)))?",
        opt);
    time_before = std::make_unique<RE2>(
        "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*(a\\.?m\\.?|p\\.?m\\.?)?\\s*" + zones +
            "?\\s*(?:,|on|at)?\\s*(?:" + W + "\\.?,?\\s*)?$",
        opt);
    RE2::Options cs;
    cs.set_log_errors(false);
    zone_after = std::make_unique<RE2>("^\\s*\\(?" + zones + "\\)?(?:\\b|$)", cs);
    zone_before = std::make_unique<RE2>("北京时间\\s*$", cs);
  }

  int Month(std::string_view name) const {
    std::string key = Lower(name);
    while (!key.empty() && key.back() == '.') key.pop_back();
    auto it = months.find(key);
    return it == months.end() ? 0 : it->second;
  }

  // Builds a Date from the groups of `form`; false when the groups are not a date.
  bool Build(Kind kind, const re2::StringPiece* g, DateMatch* out) const {
    Date& d = out->date;
    switch (kind) {
      case Kind::kYmd: d.year = ToInt(g[1]); d.month = ToInt(g[2]); d.day = ToInt(g[3]); break;
      case Kind::kDmyName: d.day = ToInt(g[1]); d.month = Month(g[2]); d.year = ToInt(g[3]); break;
      case Kind::kMdyName: d.month = Month(g[1]); d.day = ToInt(g[2]); d.year = ToInt(g[3]); break;
      case Kind::kDmySlash: {
        int a = ToInt(g[1]), b = ToInt(g[2]);
        d.year = ToInt(g[3]);
        if (b > 12 && a <= 12) std::swap(a, b);  // month/day/year
        d.day = a;
        d.month = b;
        break;
      }
      case Kind::kDmyDots2: {
        d.day = ToInt(g[1]);
        d.month = ToInt(g[2]);
        const int yy = ToInt(g[3]);
        d.year = yy < 70 ? 2000 + yy : 1900 + yy;
        break;
      }
      case Kind::kYm: d.year = ToInt(g[1]); d.month = ToInt(g[2]); break;
      case Kind::kMyName: d.month = Month(g[1]); d.year = ToInt(g[2]); break;
      case Kind::kMdName: d.month = Month(g[1]); d.day = ToInt(g[2]); out->yearless = true; break;
      case Kind::kDmName: d.day = ToInt(g[1]); d.month = Month(g[2]); out->yearless = true; break;
      case Kind::kCnMd: d.month = ToInt(g[1]); d.day = ToInt(g[2]); out->yearless = true; break;
      case Kind::kYear: d.year = ToInt(g[1]); break;
    }
    if (d.month == 0) return false;
    if (out->yearless) {
      Date probe = d;
      probe.year = 2000;  // a leap year: accepts 29 February
      return DateParser::IsValid(probe);
    }
    return DateParser::IsValid(d);
  }

  // Attaches a time (and zone) written right after or right before the date at [m->begin, m->end).
  void AttachTime(std::string_view text, DateMatch* m) const {
    std::string_view after = text.substr(m->end);
    re2::StringPiece g[5];
    Date& d = m->date;
    int h = -1, mi = -1, s = -1;
    std::string_view ampm;
    size_t consumed = 0;
    size_t time_begin = m->begin;
    if (time_after->Match(after, 0, after.size(), RE2::ANCHOR_START, g, 5)) {
      h = ToInt(g[1]);
      mi = ToInt(g[2]);
      s = g[3].empty() ? -1 : ToInt(g[3]);
      ampm = g[4];
      consumed = g[0].size();
    } else {
      std::string_view before = text.substr(0, m->begin);
      if (before.size() > 48) before = before.substr(before.size() - 48);
      re2::StringPiece b[6];
      if (time_before->Match(before, 0, before.size(), RE2::UNANCHORED, b, 6)) {
        time_begin = static_cast<size_t>(b[0].data() - text.data());
        h = ToInt(b[1]);
        mi = ToInt(b[2]);
        s = b[3].empty() ? -1 : ToInt(b[3]);
        ampm = b[4];
        if (!b[5].empty()) {
          d.tz_minutes = ZoneMinutes(b[5]);
        }
      }
    }
    if (h < 0 || mi < 0 || mi > 59 || s > 59) return;
    if (!ampm.empty()) {
      bool pm = ampm[0] == 'p' || ampm[0] == 'P';
      if (h < 1 || h > 12) return;
      h = (h % 12) + (pm ? 12 : 0);
    }
    if (h > 23) return;
    d.hour = h;
    d.minute = mi;
    d.second = s;
    m->begin = time_begin;  // the match covers "6:23 PM GMT, Fri April 28, 2023" whole
    if (consumed > 0) {
      m->end += consumed;
      std::string_view rest = text.substr(m->end);
      re2::StringPiece z[2];
      if (zone_after->Match(rest, 0, rest.size(), RE2::ANCHOR_START, z, 2)) {
        d.tz_minutes = ZoneMinutes(z[1]);
        if (d.tz_minutes) m->end += z[0].size();
      }
    }
    re2::StringPiece zb[1];
    std::string_view head = text.substr(0, m->begin);
    if (!d.tz_minutes && zone_before->Match(head, 0, head.size(), RE2::UNANCHORED, zb, 1)) {
      d.tz_minutes = 480;
      m->begin = static_cast<size_t>(zb[0].data() - text.data());  // "北京时间" is part of the date
    }
  }
};

DateParser::DateParser() : impl_(std::make_unique<Impl>()) {}
DateParser::~DateParser() = default;

int DateParser::MonthNumber(std::string_view name) const { return impl_->Month(name); }

bool DateParser::IsValid(const Date& d) {
  if (d.year < 1000 || d.year > 2999) return false;
  if (d.month < 0) return true;
  if (d.month < 1 || d.month > 12) return false;
  if (d.day < 0) return true;
  icu::Calendar* cal = ThreadCalendar();
  if (!cal) return false;
  cal->clear();
  cal->setLenient(false);
  cal->set(d.year, d.month - 1, d.day, d.hour < 0 ? 0 : d.hour, d.minute < 0 ? 0 : d.minute,
           d.second < 0 ? 0 : d.second);
  UErrorCode status = U_ZERO_ERROR;
  cal->getTime(status);
  return U_SUCCESS(status);
}

std::optional<DateMatch> DateParser::Find(std::string_view text, const DateContext& ctx) const {
  const Impl& im = *impl_;
  std::optional<DateMatch> best;
  re2::StringPiece g[4];
  // Every absolute form holds a digit: skip the patterns on lines without one (most headlines).
  const bool has_digit = std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::vector<int> present;
  if (has_digit) im.form_set->Match(text, &present);
  std::sort(present.begin(), present.end());
  // Spans that looked like a date but are not one ("31 April 2023", "2022年13月1日"): a coarser
  // form inside them ("April 2023", "3月1日") is not a date either.
  std::vector<std::pair<size_t, size_t>> invalid;
  auto inside_invalid = [&](size_t b, size_t e) {
    for (const auto& [ib, ie] : invalid) {
      if (b < ie && e > ib) return true;
    }
    return false;
  };
  for (int index : present) {
    const Impl::Form& form = im.forms[index];
    if (form.kind == Impl::Kind::kYear && (!ctx.allow_year_only || best)) continue;
    size_t pos = 0;
    while (pos < text.size()) {
      if (!form.re->Match(text, pos, text.size(), RE2::UNANCHORED, g, 4)) break;
      DateMatch m;
      m.begin = static_cast<size_t>(g[0].data() - text.data());
      m.end = m.begin + g[0].size();
      if (form.kind == Impl::Kind::kDmyDots2) {  // the match holds the characters around the date
        m.begin = static_cast<size_t>(g[1].data() - text.data());
        m.end = static_cast<size_t>(g[3].data() + g[3].size() - text.data());
      }
      if (best && m.begin >= best->begin) break;  // a more precise form already starts here or earlier
      if (!inside_invalid(m.begin, m.end) && im.Build(form.kind, g, &m)) {
        best = m;
        break;
      }
      if (!inside_invalid(m.begin, m.end)) invalid.emplace_back(m.begin, m.end);
      pos = m.begin + 1;
    }
  }
  // Relative dates, anchored at the crawl date.
  if (ctx.anchor && ctx.anchor->day > 0) {
    // Groups: 1 count, 2 unit ("3 hours ago", "3小时前"); 3 one day back; 4 two days back; 5 today.
    re2::StringPiece r[6];
    for (const RE2* re : {im.relative_en.get(), im.relative_zh.get()}) {
      if (!re->Match(text, 0, text.size(), RE2::UNANCHORED, r, 6)) continue;
      size_t begin = static_cast<size_t>(r[0].data() - text.data());
      if (best && best->begin <= begin) continue;
      std::string_view after = text.substr(begin + r[0].size());
      if (after.starts_with("'") || after.starts_with("\xE2\x80\x99")) continue;  // "Today's briefing"
      DateMatch m;
      m.begin = begin;
      m.end = begin + r[0].size();
      m.relative = true;
      m.date = Date{ctx.anchor->year, ctx.anchor->month, ctx.anchor->day};
      int days = 0;
      if (!r[1].empty()) {
        int n = ToInt(r[1]);
        if (n < 0) n = 1;  // "a", "an", "one"
        std::string unit = Lower(r[2]);
        if (unit.starts_with("day") || unit == "天") days = n;
        else if (unit.starts_with("week") || unit == "周") days = 7 * n;
        else if (unit.starts_with("hour") || unit.starts_with("hr") || unit == "小时") days = n / 24;
      } else if (!r[3].empty()) {
        days = 1;
      } else if (!r[4].empty()) {
        days = 2;
      }
      // "62222周前" goes back before any date a page can state: no date.
      if (!AddDays(&m.date, -days) || !IsValid(m.date)) continue;
      best = m;
    }
  }
  if (!best) return std::nullopt;
  if (best->yearless) {
    if (ctx.anchor && ctx.anchor->year > 0) {
      best->date.year = ctx.anchor->year;
      if (ctx.anchor->month > 0 &&
          (best->date.month > ctx.anchor->month ||
           (best->date.month == ctx.anchor->month && ctx.anchor->day > 0 && best->date.day > ctx.anchor->day))) {
        best->date.year -= 1;  // a yearless date after the crawl date is from the year before
      }
    } else if (ctx.default_year > 0) {
      best->date.year = ctx.default_year;
    }
    if (best->date.year > 0 && !IsValid(best->date)) return std::nullopt;
  }
  if (best->date.day > 0) im.AttachTime(text, &*best);
  return best;
}

std::optional<Date> DateFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  std::string_view p = url.substr(path);
  static const RE2 kYmd("[/_-]((?:19|20)\\d{2})[/_-](\\d{1,2})[/_-](\\d{1,2})(?:[/_.-]|$)");
  static const RE2 kCompact("[/_-]((?:19|20)\\d{2})(\\d{2})(\\d{2})(?:[/_.-]|$)");
  static const RE2 kYm("/((?:19|20)\\d{2})/(\\d{1,2})/");
  re2::StringPiece g[4];
  Date d;
  if (kYmd.Match(p, 0, p.size(), RE2::UNANCHORED, g, 4) || kCompact.Match(p, 0, p.size(), RE2::UNANCHORED, g, 4)) {
    d.year = ToInt(g[1]);
    d.month = ToInt(g[2]);
    d.day = ToInt(g[3]);
  } else if (kYm.Match(p, 0, p.size(), RE2::UNANCHORED, g, 3)) {
    d.year = ToInt(g[1]);
    d.month = ToInt(g[2]);
  } else {
    return std::nullopt;
  }
  if (!DateParser::IsValid(d)) return std::nullopt;
  return d;
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  Date d;
  if (s.size() < 4) return std::nullopt;
  d.year = ToInt(s.substr(0, 4));
  if (s.size() >= 7 && s[4] == '-') d.month = ToInt(s.substr(5, 2));
  if (s.size() >= 10 && s[7] == '-') d.day = ToInt(s.substr(8, 2));
  if (d.year < 0 || (s.size() > 4 && d.month < 0)) return std::nullopt;
  if (s.size() > 7 && d.day < 0) return std::nullopt;
  if (!DateParser::IsValid(d)) return std::nullopt;
  return d;
}

}  // namespace newsclip
