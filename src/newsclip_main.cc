// newsclip command-line tool: turns flags into options, runs the pipeline over the inputs with an
// ordered parallel pipeline (oneTBB), writes records, rejects and stats. All the work is in the
// library; this file only wires it.
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "explain.h"
#include "newsclip/dates.h"
#include "newsclip/pipeline.h"
#include "newsclip/reader.h"
#include "newsclip/version.h"
#include "newsclip/writer.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;  // pages were rejected under --strict
constexpr int kExitUsage = 2;     // bad flag, bad rules file
constexpr int kExitIo = 3;        // output could not be written

constexpr const char* kUsage = R"(newsclip - cut scraped news pages into clean articles

Usage:
  newsclip [OPTIONS] INPUT...         clean pages, one JSON record per article
  newsclip explain [OPTIONS] FILE     show how newsclip reads one page, line by line

INPUT is a text file (one page), a folder (every file in it, recursively, in sorted order; the
page id is the path relative to the folder), a .jsonl file (one page per line: fields id, text,
url, crawl_date), or - for stdin.

Examples:
  newsclip corpus/ -o articles.jsonl
  newsclip --format jsonl --crawl-date 2024-05-01 - < dump.jsonl > articles.jsonl
  newsclip explain page.txt

Each record: {"page", "url", "index", "count", "title", "authors", "published", "source",
"editors", "lang", "truncated", "text", "lines", "bytes", "removed"} (README.md, "Output").

Exit status: 0 done; 1 pages were rejected under --strict; 2 usage error (bad flag, bad rules
file); 3 the output could not be written.

Options)";

struct Stats {
  uint64_t read = 0, written = 0, rejected = 0, articles = 0, bytes_out = 0, invalid = 0;
  std::map<std::string, uint64_t> rejected_by_reason;
  std::map<std::string, uint64_t> removed_by_rule;
};

struct Item {
  bool is_page = false;
  newsclip::Page page;
  newsclip::Reject reject;
  std::string out;
  uint64_t articles = 0;
  uint64_t invalid = 0;
  std::map<std::string, uint64_t> removed;
};

std::string ReasonKind(const std::string& reason) {
  size_t colon = reason.find(':');
  return colon == std::string::npos ? reason : reason.substr(0, colon);
}

void WriteStats(const std::string& path, const Stats& s, uint64_t bytes_in, double seconds) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("pages");
  w.StartObject();
  w.Key("read"); w.Uint64(s.read);
  w.Key("written"); w.Uint64(s.written);
  w.Key("rejected"); w.Uint64(s.rejected);
  w.Key("rejected_by_reason");
  w.StartObject();
  for (const auto& [k, v] : s.rejected_by_reason) { w.Key(k.c_str()); w.Uint64(v); }
  w.EndObject();
  w.EndObject();
  w.Key("articles"); w.Uint64(s.articles);
  w.Key("lines_removed_by_rule");
  w.StartObject();
  for (const auto& [k, v] : s.removed_by_rule) { w.Key(k.c_str()); w.Uint64(v); }
  w.EndObject();
  w.Key("bytes_in"); w.Uint64(bytes_in);
  w.Key("bytes_out"); w.Uint64(s.bytes_out);
  w.Key("invalid_bytes_repaired"); w.Uint64(s.invalid);
  w.Key("wall_seconds"); w.Double(seconds);
  w.EndObject();
  std::ofstream out(path);
  out << buf.GetString() << "\n";
  if (!out) throw newsclip::Error("cannot write stats file '" + path + "'");
}

int Run(const po::variables_map& vm, const std::vector<std::string>& inputs, bool explain) {
  newsclip::PipelineOptions popts;
  if (vm.count("rules")) popts.rules_files = vm["rules"].as<std::vector<std::string>>();
  newsclip::ReaderOptions ropts;
  const std::string format = vm["format"].as<std::string>();
  if (format == "text") ropts.format = newsclip::InputFormat::kText;
  else if (format == "jsonl") ropts.format = newsclip::InputFormat::kJsonl;
  else if (format != "auto") throw po::error("--format must be auto, text or jsonl, not '" + format + "'");
  ropts.id_field = vm["id-field"].as<std::string>();
  ropts.text_field = vm["text-field"].as<std::string>();
  ropts.url_field = vm["url-field"].as<std::string>();
  ropts.crawl_date_field = vm["crawl-date-field"].as<std::string>();
  ropts.max_page_bytes = vm["max-page-bytes"].as<uint64_t>();
  if (vm.count("crawl-date")) {
    ropts.crawl_date = newsclip::ParseIsoDate(vm["crawl-date"].as<std::string>());
    if (!ropts.crawl_date) throw po::error("--crawl-date must be YYYY-MM-DD, not '" + vm["crawl-date"].as<std::string>() + "'");
  }
  const bool strict = vm.count("strict") > 0;
  const bool quiet = vm.count("quiet") > 0;
  const newsclip::Pipeline pipeline(popts);

  if (explain) {
    if (inputs.size() != 1) throw po::error("explain takes exactly one FILE");
    auto reader = newsclip::OpenInputs(inputs, ropts);
    newsclip::Page page;
    newsclip::Reject reject;
    auto status = reader->Next(&page, &reject);
    if (status == newsclip::ReadStatus::kReject) {
      std::cerr << "newsclip: " << reject.origin.file << ": " << reject.reason << "\n";
      return kExitRejected;
    }
    if (status == newsclip::ReadStatus::kEnd) throw po::error("'" + inputs[0] + "' holds no page");
    newsclip::Explain(pipeline, std::move(page), isatty(STDOUT_FILENO) != 0, std::cout);
    return kExitOk;
  }

  const std::string output = vm["output"].as<std::string>();
  std::ofstream file_out;
  std::ostream* out = &std::cout;
  if (output != "-") {
    file_out.open(output, std::ios::binary | std::ios::trunc);
    if (!file_out) throw newsclip::Error("cannot write output file '" + output + "'");
    out = &file_out;
  }
  std::ofstream rejects_out;
  if (vm.count("rejects")) {
    rejects_out.open(vm["rejects"].as<std::string>(), std::ios::binary | std::ios::trunc);
    if (!rejects_out) throw newsclip::Error("cannot write rejects file '" + vm["rejects"].as<std::string>() + "'");
  }

  int threads = vm["threads"].as<int>();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  auto reader = newsclip::OpenInputs(inputs, ropts);
  Stats stats;
  std::atomic<bool> stop{false};
  const auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  const bool progress = !quiet && isatty(STDERR_FILENO);

  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> Item* {
                                      if (stop.load()) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      auto item = std::make_unique<Item>();
                                      auto status = reader->Next(&item->page, &item->reject);
                                      if (status == newsclip::ReadStatus::kEnd) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      item->is_page = status == newsclip::ReadStatus::kPage;
                                      return item.release();
                                    }) &
          tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel,
                                         [&](Item* item) -> Item* {
                                           if (!item->is_page) return item;
                                           newsclip::PageResult r = pipeline.Process(std::move(item->page));
                                           newsclip::AppendJsonl(r, &item->out);
                                           item->articles = r.articles.size();
                                           item->invalid = r.invalid_bytes;
                                           for (const auto& a : r.articles) {
                                             for (const std::string& rule : a.rules) {
                                               if (!rule.empty()) ++item->removed[rule];
                                             }
                                           }
                                           return item;
                                         }) &
          tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, [&](Item* raw) {
            std::unique_ptr<Item> item(raw);
            ++stats.read;
            if (item->is_page) {
              ++stats.written;
              stats.articles += item->articles;
              stats.invalid += item->invalid;
              stats.bytes_out += item->out.size();
              for (const auto& [k, v] : item->removed) stats.removed_by_rule[k] += v;
              out->write(item->out.data(), static_cast<std::streamsize>(item->out.size()));
            } else {
              const newsclip::Reject& rj = item->reject;
              ++stats.rejected;
              ++stats.rejected_by_reason[ReasonKind(rj.reason)];
              if (!quiet) {
                std::cerr << "newsclip: rejected " << rj.origin.file;
                if (rj.origin.line) std::cerr << ":" << rj.origin.line;
                std::cerr << " (page " << rj.id << "): " << rj.reason << "\n";
              }
              if (rejects_out.is_open()) {
                rapidjson::StringBuffer buf;
                rapidjson::Writer<rapidjson::StringBuffer> w(buf);
                w.StartObject();
                w.Key("page"); w.String(rj.id.c_str());
                w.Key("file"); w.String(rj.origin.file.c_str());
                w.Key("record"); w.Uint64(rj.origin.record);
                w.Key("line"); w.Uint64(rj.origin.line);
                w.Key("byte_offset"); w.Uint64(rj.origin.byte_offset);
                w.Key("reason"); w.String(rj.reason.c_str());
                w.EndObject();
                rejects_out << buf.GetString() << "\n";
              }
              if (strict) stop = true;
            }
            if (progress) {
              auto now = std::chrono::steady_clock::now();
              if (now - last_progress > std::chrono::milliseconds(500)) {
                last_progress = now;
                double secs = std::chrono::duration<double>(now - start).count();
                double mb = static_cast<double>(reader->bytes_read()) / 1e6;
                std::fprintf(stderr, "\rnewsclip: %llu pages, %.1f MB, %.1f MB/s   ",
                             static_cast<unsigned long long>(stats.read), mb, mb / secs);
              }
            }
          }));

  out->flush();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progress) std::fputs("\r\033[K", stderr);
  if (!*out) throw newsclip::Error("cannot write output '" + output + "'");
  const uint64_t bytes_in = reader->bytes_read();
  if (vm.count("stats")) WriteStats(vm["stats"].as<std::string>(), stats, bytes_in, seconds);
  if (!quiet) {
    std::fprintf(stderr, "newsclip: %llu pages read, %llu written, %llu rejected, %llu articles, %.1f MB in %.2f s (%.1f MB/s)\n",
                 static_cast<unsigned long long>(stats.read), static_cast<unsigned long long>(stats.written),
                 static_cast<unsigned long long>(stats.rejected), static_cast<unsigned long long>(stats.articles),
                 static_cast<double>(bytes_in) / 1e6, seconds, static_cast<double>(bytes_in) / 1e6 / std::max(seconds, 1e-9));
  }
  return (strict && stats.rejected > 0) ? kExitRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description opts(kUsage);
  opts.add_options()
      ("help,h", "show this help")
      ("version", "print the version")
      ("output,o", po::value<std::string>()->default_value("-"), "write records to FILE (- = stdout)")
      ("format", po::value<std::string>()->default_value("auto"), "input format: auto (by file name), text, jsonl")
      ("id-field", po::value<std::string>()->default_value("id"), "JSONL field holding the page id")
      ("text-field", po::value<std::string>()->default_value("text"), "JSONL field holding the page text")
      ("url-field", po::value<std::string>()->default_value("url"), "JSONL field holding the page URL")
      ("crawl-date-field", po::value<std::string>()->default_value("crawl_date"), "JSONL field holding the crawl date")
      ("crawl-date", po::value<std::string>(), "crawl date (YYYY-MM-DD) for pages without one: anchors 'yesterday' and yearless dates")
      ("rules", po::value<std::vector<std::string>>(), "rules file (data/rules.tsv format) added over the built-in rules; repeatable")
      ("max-page-bytes", po::value<uint64_t>()->default_value(8ull << 20), "reject pages larger than this")
      ("threads,j", po::value<int>()->default_value(0), "worker threads (0 = all cores); output order never changes")
      ("stats", po::value<std::string>(), "write run statistics (JSON) to FILE")
      ("rejects", po::value<std::string>(), "write one JSON line per rejected page to FILE")
      ("strict", "stop at the first rejected page and exit 1")
      ("quiet,q", "no summary, progress or per-page warnings on stderr");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "inputs");
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << opts << "\n";
      return kExitOk;
    }
    if (vm.count("version")) {
      std::cout << "newsclip " << newsclip::kVersion << " (output schema " << newsclip::kSchemaVersion << ")\n";
      return kExitOk;
    }
    std::vector<std::string> inputs;
    if (vm.count("input")) inputs = vm["input"].as<std::vector<std::string>>();
    bool explain = !inputs.empty() && inputs[0] == "explain";
    if (explain) inputs.erase(inputs.begin());
    if (inputs.empty()) throw po::error("no INPUT given (use - for stdin); see --help");
    return Run(vm, inputs, explain);
  } catch (const po::error& e) {
    std::cerr << "newsclip: " << e.what() << "\nTry 'newsclip --help'.\n";
    return kExitUsage;
  } catch (const newsclip::Error& e) {
    std::cerr << "newsclip: " << e.what() << "\n";
    return std::string(e.what()).starts_with("cannot write") ? kExitIo : kExitUsage;
  }
}
