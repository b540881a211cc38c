// The pipeline reads like the data-flow diagram of DESIGN.md: each stage is called once per page,
// in order, and hands the next one the types of types.h.
#include "newsclip/pipeline.h"

#include <algorithm>

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

// The article with the most body bytes.
Article* MainArticle(const std::vector<Line>& lines, std::vector<Article>* articles) {
  Article* best = &articles->front();
  size_t best_bytes = 0;
  for (Article& a : *articles) {
    size_t bytes = 0;
    for (uint32_t i = a.first_line; i <= a.last_line; ++i) {
      if (a.roles[i - a.first_line] == Role::kBody) bytes += lines[i].end - lines[i].begin;
    }
    if (bytes > best_bytes) {
      best = &a;
      best_bytes = bytes;
    }
  }
  return best;
}

}  // namespace

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
  result.text = std::move(page.text);

  result.invalid_bytes = normalizer_.Normalize(&result.text);                   // normalize
  splitter_.Split(result.text, page.crawl_date, &result.lines);                 // lines
  std::vector<Segment> segments = segmenter_.Split(result.text, result.lines, scores);  // segment

  DateContext context;
  context.anchor = page.crawl_date;
  if (!segments.empty()) context.default_year = PageYear(result.lines);
  result.articles.resize(segments.size());
  for (size_t i = 0; i < segments.size(); ++i) {
    boilerplate_.Label(result.text, result.lines, segments[i], &result.articles[i]);  // boilerplate
    metadata_.Extract(result.text, result.lines, context, &result.articles[i]);       // metadata
  }
  // The page's URL dates its main article (the one with the most body text) when the text does not.
  if (result.url && !result.articles.empty()) {
    Article* main = MainArticle(result.lines, &result.articles);
    if (!main->meta.published) main->meta.published = DateFromUrl(*result.url);
  }
  return result;
}

}  // namespace newsclip
