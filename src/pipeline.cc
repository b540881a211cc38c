// The pipeline reads like the data-flow diagram of DESIGN.md: each stage is called once per page,
// in order, and hands the next one the types of types.h.
#include "newsclip/pipeline.h"

#include <algorithm>

#include "newsclip/html.h"

namespace newsclip {

namespace {

Rules LoadRules(const PipelineOptions& options) {
  Rules rules = Rules::Builtin();
  for (const std::string& file : options.rules_files) rules.Merge(Rules::FromFile(file));
  return rules;
}

// The year a yearless date on this page takes when there is no crawl date: the latest year
// among the page's full dates (found by the lines stage).
int PageYear(const std::vector<Line>& lines) {
  int year = -1;
  for (const Line& line : lines) year = std::max<int>(year, line.f.date_year);
  return year;
}

size_t BodyBytes(const std::vector<Line>& lines, const Article& a) {
  size_t bytes = 0;
  for (uint32_t i = a.first_line; i <= a.last_line; ++i) {
    if (a.roles[i - a.first_line] == Role::kBody) bytes += lines[i].end - lines[i].begin;
  }
  return bytes;
}

// The article with the most body bytes; *share is its part of all articles' body bytes.
Article* MainArticle(const std::vector<Line>& lines, std::vector<Article>* articles, double* share) {
  Article* best = &articles->front();
  size_t best_bytes = 0, total = 0;
  for (Article& a : *articles) {
    const size_t bytes = BodyBytes(lines, a);
    total += bytes;
    if (bytes > best_bytes) {
      best = &a;
      best_bytes = bytes;
    }
  }
  *share = total == 0 ? 1.0 : static_cast<double>(best_bytes) / static_cast<double>(total);
  return best;
}

// A markup date is plausible when it is not after the crawl (a page cannot be published after it
// was fetched; a day's slack for time zones).
bool Plausible(const Date& d, const std::optional<Date>& crawl) {
  if (!crawl || !crawl->valid()) return true;
  auto key = [](const Date& x) { return x.year * 400 + std::max(x.month, 0) * 32 + std::max(x.day, 0); };
  return key(d) <= key(*crawl) + 1;
}

bool SameDay(const Date& a, const Date& b) { return a.year == b.year && a.month == b.month && a.day == b.day; }

int Precision(const Date& d) {
  return (d.year > 0) + (d.month > 0) + (d.day > 0) + (d.hour >= 0) + (d.minute >= 0) + (d.second >= 0);
}

// Fills what the text left empty from the markup. A markup date also refines a text date of the
// same day that states less (a day -> the day and its time), and never replaces a different one.
void ApplyMarkup(const Markup& markup, const std::optional<Date>& crawl, Metadata* meta) {
  if (!meta->title) {
    if (markup.headline) meta->title = markup.headline;
    else if (markup.og_title) meta->title = markup.og_title;
    else if (markup.title) meta->title = markup.title;
  }
  // JSON-LD authors are the CMS's own field: they win over names found in the text. Free-text
  // <meta name=author> only fills a gap (it often names the site or an editor).
  if (meta->authors.empty() || (markup.authors_structured && !markup.authors.empty())) {
    // One field often holds several names: "Jane Roe, John Doe and Ann Lee".
    std::vector<std::string> names;
    for (const std::string& value : markup.authors) {
      for (std::string& name : MetadataExtractor::SplitNames(value)) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
      }
    }
    if (!names.empty()) meta->authors = std::move(names);
  }
  std::optional<Date> date = markup.published ? markup.published : markup.time_element;
  if (date && Plausible(*date, crawl)) {
    // A day gains the markup's time; a time the text states is kept (the markup's may be in UTC).
    if (!meta->published || (markup.published && !SameDay(*meta->published, *date))) meta->published = date;
    else if (SameDay(*meta->published, *date) && meta->published->hour < 0 && Precision(*date) > Precision(*meta->published)) meta->published = date;
  }
  if (!meta->source && markup.site_name) meta->source = markup.site_name;
}

// An "article" of no body line (a date line, a byline the segmenter split off on its own) tells no
// story: it is no neighbour that a date line around the main article could belong to.
bool Bodiless(const Article& a) {
  return std::none_of(a.roles.begin(), a.roles.end(), [](Role r) { return r == Role::kBody; });
}

}  // namespace

// The lines around article k that are not a neighbour's: from the end of the previous article to
// the start of the next, passing over body-less ones.
void ArticleSurroundings(const std::vector<Article>& articles, size_t k, size_t n_lines, uint32_t* lower, uint32_t* upper) {
  size_t before = k;
  while (before > 0 && Bodiless(articles[before - 1])) --before;
  size_t after = k + 1;
  while (after < articles.size() && Bodiless(articles[after])) ++after;
  *lower = before == 0 ? 0 : articles[before - 1].last_line + 1;
  *upper = after < articles.size() ? articles[after].first_line : static_cast<uint32_t>(n_lines);
}

Pipeline::Pipeline(const PipelineOptions& options)
    : rules_(LoadRules(options)),
      matcher_(rules_),
      normalizer_(options.normalize),
      splitter_(matcher_, normalizer_, dates_, options.lines),
      segmenter_(options.segment),
      boilerplate_(matcher_),
      metadata_(matcher_, normalizer_, dates_, options.metadata) {}

PageResult Pipeline::Process(Page page, std::vector<StartScore>* scores) const {
  PageResult result;
  result.id = std::move(page.id);
  result.url = std::move(page.url);
  HtmlDocument html;
  if (page.format == PageFormat::kHtml) {
    html = ParseHtml(page.text, page.content_type);                             // html
    result.text = std::move(html.text);
    result.charset = std::move(html.charset);
    result.invalid_bytes = html.invalid_bytes;
    result.markup = std::move(html.markup);
    if (!result.url && result.markup.url) result.url = result.markup.url;
  } else {
    result.text = std::move(page.text);
  }

  result.invalid_bytes += normalizer_.Normalize(&result.text);                  // normalize
  splitter_.Split(result.text, page.crawl_date, &result.lines);                 // lines
  if (page.format == PageFormat::kHtml && html.blocks.size() == result.lines.size()) {
    for (size_t i = 0; i < html.blocks.size(); ++i) result.lines[i].f.block = html.blocks[i];
  }
  std::vector<Segment> segments = segmenter_.Split(result.text, result.lines, scores);  // segment

  DateContext context;
  context.anchor = page.crawl_date;
  if (!segments.empty()) context.default_year = PageYear(result.lines);
  result.articles.resize(segments.size());
  for (size_t i = 0; i < segments.size(); ++i) {
    boilerplate_.Label(result.text, result.lines, segments[i], &result.articles[i]);  // boilerplate
    metadata_.Extract(result.text, result.lines, context, &result.articles[i]);       // metadata
  }
  // What the markup states (html.h) completes the main article (the one with the most body text)
  // where its text is silent; then a date on a line just around it; the page's URL dates it when
  // nothing else does.
  if (!result.articles.empty()) {
    double share = 1;
    Article* main = MainArticle(result.lines, &result.articles, &share);
    // The lines around it that are no neighbour's, where its date line may stand.
    uint32_t lower = 0, upper = 0;
    ArticleSurroundings(result.articles, static_cast<size_t>(main - result.articles.data()), result.lines.size(),
                        &lower, &upper);
    if (page.format == PageFormat::kHtml) ApplyMarkup(result.markup, page.crawl_date, &main->meta);
    // A story with no headline of its own on a page of one story: the page's own title (a WET
    // page's first line, the <title>), when no article holds that line, without its site name.
    if (!main->meta.title && share >= 0.6 && page.format == PageFormat::kText) {
      size_t first = 0;
      while (first < result.lines.size() && result.lines[first].f.blank) ++first;
      // Not a menu row or a site's name ("首页 | 新闻 | 国内", "新闻中心").
      auto plain = [](const LineFeatures& f) {
        return f.words >= 4 && f.chrome_rule < 0 && f.boilerplate_rule < 0 && !f.menu_like && f.link_like < 0.25f;
      };
      if (first < result.articles.front().first_line && plain(result.lines[first].f)) {
        std::string_view t = TitleStem(std::string_view(result.text).substr(
            result.lines[first].begin, result.lines[first].end - result.lines[first].begin));
        if (t.size() >= 12 && t.find('|') == std::string_view::npos) main->meta.title = std::string(t);
      }
    }
    // Only on a page of one story, and not into a neighbour: between the articles of a digest, a
    // date line belongs to a neighbour as often as not (measured: seedstyle-dev published -0.03
    // when applied to every page).
    if (!main->meta.published && share >= 0.6) {
      // Not into a neighbour, however short: letting the search pass articles with under a quarter
      // of the main one's text was measured too (htmldate +0.015, seedstyle-dev -0.011). Only an
      // "article" of no body line (a date line split off on its own) is passed over (htmldate
      // +0.008, corpus +0.006).
      main->meta.published = metadata_.NearbyDate(result.text, result.lines, *main, context, lower, upper);
    }
    // The first short line in [from, to) stating `day` with a time.
    auto timed_line = [&](const Date& day, uint32_t from, uint32_t to) -> std::optional<Date> {
      for (uint32_t i = from; i < to && i < result.lines.size(); ++i) {
        std::optional<Date> d = metadata_.ShortLineDate(result.text, result.lines, i, context);
        if (d && SameDay(*d, day) && d->hour >= 0) return d;
      }
      return std::nullopt;
    };
    const std::optional<Date> url_date = result.url ? DateFromUrl(*result.url) : std::nullopt;
    if (url_date && url_date->day > 0) {
      // A day in the URL's path is the CMS's own record of the publication day: it wins over a
      // different or coarser date read from the text (a header strip's "today", a comment's date, an
      // archive month). Measured on the dev sets with dated URLs, the URL day was the gold day on
      // every page. A line of the page stating that day with a time gives the time too.
      if (!main->meta.published || !SameDay(*main->meta.published, *url_date)) {
        std::optional<Date> timed = timed_line(*url_date, 0, static_cast<uint32_t>(result.lines.size()));
        main->meta.published = timed ? timed : url_date;
      }
    }
    // A day without a time gains the time of a short line stating the same day, on a page of one
    // story, between the neighbouring articles (a header strip "2022-02-13 09:57" above the title,
    // a print-edition line "(13 February 2022, page 2)" in the tail gave the day).
    if (main->meta.published && main->meta.published->day > 0 && main->meta.published->hour < 0 && share >= 0.6) {
      if (std::optional<Date> timed = timed_line(*main->meta.published, lower, upper)) main->meta.published = timed;
    }
    if (url_date && !main->meta.published) main->meta.published = url_date;
    // Last, when neither the text around it nor the URL gave a day: on a page of one story, the
    // first short line with a full date from the end of the previous article to the end of this
    // one, outside its body (a header strip far above, a credit or "filed" line); with a month from
    // the URL, only a day of that month.
    if ((!main->meta.published || main->meta.published->day < 0) && share >= 0.6) {
      for (uint32_t i = lower; i <= main->last_line; ++i) {
        // The story's own sentences are not its date line (a short body line may tell of any day).
        if (i >= main->first_line && main->roles[i - main->first_line] == Role::kBody && !result.lines[i].f.date_only) continue;
        std::optional<Date> d = metadata_.ShortLineDate(result.text, result.lines, i, context);
        if (!d) continue;
        if (!main->meta.published || (main->meta.published->year == d->year && main->meta.published->month == d->month)) {
          main->meta.published = d;
        }
        break;
      }
    }
  }
  return result;
}

}  // namespace newsclip
