// `newsclip explain`: reruns the pipeline on one page with start scores recorded, then prints a
// row per line: number, article, role, features, score and reasons, and the line itself.
#include "explain.h"

#include <iomanip>
#include <sstream>


namespace newsclip {

namespace {

std::string Features(const LineFeatures& f) {
  std::string s;
  auto flag = [&](bool on, const char* name) {
    if (on) {
      if (!s.empty()) s += ',';
      s += name;
    }
  };
  flag(f.byline, "byline");
  flag(f.has_label, "label");
  flag(f.date_only, "date-line");
  flag(f.has_date && !f.date_only, "date");
  flag(f.dateline, "dateline");
  flag(f.terminal_punct, "stop");
  flag(f.ends_with_ellipsis, "cut");
  flag(f.end_marker, "end");
  flag(f.link_like >= 0.25f, "links");
  flag(f.repeated_line, "crawl-repeat");
  // HTML pages: where the block stood in the markup (html.h).
  const BlockFeatures& b = f.block;
  if (b.heading) flag(true, ("h" + std::to_string(b.heading)).c_str());
  flag(b.title_element, "<title>");
  flag(b.main_content, "content");
  flag(b.in_article, "article");
  flag(b.in_nav, "nav");
  flag(b.in_header, "header");
  flag(b.in_footer, "footer");
  flag(b.in_aside, "aside");
  flag(b.in_form, "form");
  flag(b.in_list, "li");
  flag(b.in_caption, "caption");
  flag(b.hidden, "hidden");
  flag(b.chrome_class, "chrome-class");
  flag(b.has_time, "time");
  if (b.link_pct >= 20) flag(true, ("link" + std::to_string(b.link_pct) + "%").c_str());
  if (!s.empty()) s += ',';
  s += (f.cjk > f.letters / 2 && f.cjk > 0) ? std::to_string(f.cjk) + "cjk" : std::to_string(f.words) + "w";
  return s;
}

// "  markup: title=...; og:title=...; ...\n": what an HTML page's markup states, "" when nothing.
std::string MarkupLine(const Markup& m) {
  std::string line;
  auto show = [&](const char* field, const std::string& value) { line += std::string(" ") + field + "=" + value + ";"; };
  if (m.title) show("title", *m.title);
  if (m.og_title) show("og:title", *m.og_title);
  if (m.headline) show("headline", *m.headline);
  if (!m.authors.empty()) {
    std::string names;
    for (const std::string& a : m.authors) names += (names.empty() ? "" : "; ") + a;
    show(m.authors_structured ? "author (JSON-LD)" : "author (meta)", names);
  }
  if (m.published) show("published", m.published->ToIso());
  if (m.time_element) show("<time>", m.time_element->ToIso());
  if (m.site_name) show("site_name", *m.site_name);
  if (m.url) show("url", *m.url);
  if (!m.lang.empty()) show("lang", m.lang);
  return line.empty() ? line : "  markup:" + line + "\n";
}

}  // namespace

void Explain(const Pipeline& pipeline, Page page, bool color, std::ostream& out) {
  std::vector<StartScore> scores;
  PageResult r = pipeline.Process(std::move(page), &scores);
  const char* reset = color ? "\033[0m" : "";
  auto paint = [&](Role role) -> const char* {
    if (!color) return "";
    switch (role) {
      case Role::kTitle: return "\033[1;36m";
      case Role::kMetadata: return "\033[33m";
      case Role::kBoilerplate: return "\033[31m";
      case Role::kChrome: return "\033[2m";
      case Role::kBody: return "";
    }
    return "";
  };
  out << "page " << r.id << ": " << r.lines.size() << " lines, " << r.articles.size() << " articles";
  if (!r.charset.empty()) out << ", HTML decoded from " << r.charset;
  if (r.invalid_bytes) out << ", " << r.invalid_bytes << " invalid bytes repaired";
  out << "\n";
  if (!r.charset.empty()) out << MarkupLine(r.markup);
  for (size_t a = 0; a < r.articles.size(); ++a) {
    const Metadata& m = r.articles[a].meta;
    out << "  article " << a << " [" << r.articles[a].first_line + 1 << "-" << r.articles[a].last_line + 1
        << "] lang=" << r.articles[a].lang << " title=" << (m.title ? *m.title : "null")
        << " published=" << (m.published ? m.published->ToIso() : "null")
        << " source=" << (m.source ? *m.source : "null") << " authors=";
    for (size_t i = 0; i < m.authors.size(); ++i) out << (i ? "; " : "") << m.authors[i];
    out << " editors=";
    for (size_t i = 0; i < m.editors.size(); ++i) out << (i ? "; " : "") << m.editors[i];
    out << (m.truncated ? " truncated" : "") << "\n";
  }
  out << " line art role                   features                  score  text\n";
  size_t art = 0;
  for (size_t i = 0; i < r.lines.size(); ++i) {
    while (art < r.articles.size() && r.articles[art].last_line < i) ++art;
    Role role = Role::kChrome;
    std::string rule;
    std::string art_label = "-";
    if (art < r.articles.size() && r.articles[art].first_line <= i) {
      const Article& a = r.articles[art];
      role = a.roles[i - a.first_line];
      rule = a.rules[i - a.first_line];
      art_label = std::to_string(art);
    } else {
      if (r.lines[i].f.chrome_rule >= 0) rule = pipeline.matcher().ChromeName(r.lines[i].f.chrome_rule);
    }
    std::string role_text(RoleName(role));
    if (!rule.empty()) role_text += "(" + rule + ")";
    std::string_view text = std::string_view(r.text).substr(r.lines[i].begin, r.lines[i].end - r.lines[i].begin);
    if (text.size() > 100) {
      size_t cut = 100;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole code points
      text = text.substr(0, cut);
    }
    std::ostringstream score;
    if (scores[i].score != 0 || !scores[i].reasons.empty()) score << std::fixed << std::setprecision(1) << scores[i].score;
    out << std::setw(5) << i + 1 << " " << std::setw(3) << art_label << " " << paint(role) << std::left
        << std::setw(22) << role_text << reset << " " << std::setw(25) << Features(r.lines[i].f) << " "
        << std::setw(6) << score.str() << std::right << " " << text << "\n";
    if (!scores[i].reasons.empty()) out << "                                                           why:" << scores[i].reasons << "\n";
  }
}

}  // namespace newsclip
