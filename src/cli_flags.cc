// Flags shared by the commands that read pages.
#include "cli_flags.h"

#include <cstdint>
#include <cstdlib>
#include <string>

#include "newsclip/dates.h"

namespace po = boost::program_options;

namespace newsclip {

void AddReaderFlags(po::options_description* opts) {
  opts->add_options()
      ("format", po::value<std::string>()->default_value("auto"), "input format: auto (by file name: *.jsonl, *.warc/*.wet, *.html/*.htm, else text), text, html, jsonl, warc")
      ("id-field", po::value<std::string>()->default_value("id"), "JSONL field holding the page id")
      ("text-field", po::value<std::string>()->default_value("text"), "JSONL field holding the page text")
      ("html-field", po::value<std::string>()->default_value("html"),
       "JSONL field holding the page's HTML, read when a line has no text field (\"\" turns it off)")
      ("url-field", po::value<std::string>()->default_value("url"), "JSONL field holding the page URL")
      ("crawl-date-field", po::value<std::string>()->default_value("crawl_date"), "JSONL field holding the crawl date")
      ("crawl-date", po::value<std::string>(), "crawl date (YYYY-MM-DD) for pages without one: anchors 'yesterday' and yearless dates")
      ("max-page-bytes", po::value<uint64_t>()->default_value(8ull << 20), "reject pages larger than this");
}

ReaderOptions ReaderOptionsFrom(const po::variables_map& vm) {
  ReaderOptions ropts;
  const std::string format = vm["format"].as<std::string>();
  if (format == "text") ropts.format = InputFormat::kText;
  else if (format == "jsonl") ropts.format = InputFormat::kJsonl;
  else if (format == "warc") ropts.format = InputFormat::kWarc;
  else if (format == "html") ropts.format = InputFormat::kHtml;
  else if (format != "auto") throw po::error("--format must be auto, text, html, jsonl or warc, not '" + format + "'");
  ropts.id_field = vm["id-field"].as<std::string>();
  ropts.text_field = vm["text-field"].as<std::string>();
  ropts.html_field = vm["html-field"].as<std::string>();
  ropts.url_field = vm["url-field"].as<std::string>();
  ropts.crawl_date_field = vm["crawl-date-field"].as<std::string>();
  ropts.max_page_bytes = vm["max-page-bytes"].as<uint64_t>();
  if (vm.count("crawl-date")) {
    ropts.crawl_date = ParseIsoDate(vm["crawl-date"].as<std::string>());
    if (!ropts.crawl_date) throw po::error("--crawl-date must be YYYY-MM-DD, not '" + vm["crawl-date"].as<std::string>() + "'");
  }
  return ropts;
}

void AddShardFlag(po::options_description* opts) {
  opts->add_options()("shard", po::value<std::string>(),
                      "process shard I/N of the input files (I from 0; default: the Slurm array task)");
}

std::optional<Shard> ShardFrom(const po::variables_map& vm) {
  std::string error;
  if (vm.count("shard")) {
    auto shard = ParseShard(vm["shard"].as<std::string>(), &error);
    if (!shard) throw po::error(error);
    return shard;
  }
  auto shard = ShardFromSlurm(std::getenv("SLURM_ARRAY_TASK_ID"), std::getenv("SLURM_ARRAY_TASK_COUNT"),
                              std::getenv("SLURM_ARRAY_TASK_MIN"), std::getenv("SLURM_ARRAY_TASK_STEP"), &error);
  if (!shard && !error.empty()) throw po::error(error);
  return shard;
}

}  // namespace newsclip
