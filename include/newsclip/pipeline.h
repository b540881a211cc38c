// newsclip/pipeline.h: the whole chain for one page, in the order of the data-flow diagram:
// normalize -> lines -> segment -> boilerplate -> metadata. Build one Pipeline (it compiles every
// rule once) and call Process from any number of threads.
//
//   newsclip::PipelineOptions options;
//   options.rules_files = {"my-rules.tsv"};          // optional
//   newsclip::Pipeline pipeline(options);            // throws newsclip::Error on bad rules
//   newsclip::PageResult result = pipeline.Process(std::move(page));
//   std::string jsonl;
//   newsclip::AppendJsonl(result, &jsonl);
#ifndef NEWSCLIP_PIPELINE_H_
#define NEWSCLIP_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "newsclip/boilerplate.h"
#include "newsclip/dates.h"
#include "newsclip/lines.h"
#include "newsclip/metadata.h"
#include "newsclip/normalize.h"
#include "newsclip/rules.h"
#include "newsclip/segment.h"
#include "newsclip/types.h"

namespace newsclip {

struct PipelineOptions {
  NormalizeOptions normalize;
  LineOptions lines;
  SegmentOptions segment;
  MetadataOptions metadata;
  std::vector<std::string> rules_files;  // user rules, merged over the built-in ones in order (none)
};

// The lines [*lower, *upper) around articles[k] that belong to no neighbour: from the end of the
// previous article to the start of the next, passing over articles of no body line (a date line or
// a byline split off on its own), where the main story's date may stand.
void ArticleSurroundings(const std::vector<Article>& articles, size_t k, size_t n_lines, uint32_t* lower,
                         uint32_t* upper);

class Pipeline {
 public:
  explicit Pipeline(const PipelineOptions& options = {});

  // Runs every stage on one page. When `scores` is not null it receives each line's start score.
  PageResult Process(Page page, std::vector<StartScore>* scores = nullptr) const;

  const RuleMatcher& matcher() const { return matcher_; }
  const LineSplitter& splitter() const { return splitter_; }

 private:
  Rules rules_;
  RuleMatcher matcher_;
  Normalizer normalizer_;
  DateParser dates_;
  LineSplitter splitter_;
  Segmenter segmenter_;
  BoilerplateStage boilerplate_;
  MetadataExtractor metadata_;
};

}  // namespace newsclip

#endif  // NEWSCLIP_PIPELINE_H_
