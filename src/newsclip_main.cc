// newsclip command-line tool: turns flags into options, runs the pipeline over the inputs with an
// ordered parallel pipeline (oneTBB), writes records (plain, gzip or zstd by file name), rejects
// and stats, and runs one shard of the inputs into an output folder. All the work is in the
// library; this file only wires it.
//
// The pipeline has three filters: read (serial, in order: decompression and parsing of the input
// happen here), process (parallel: Pipeline::Process and the JSONL text of the records), write
// (serial, in order). The write filter sees pages in input order whatever the thread count, so the
// output is byte-identical for any --threads. Memory: at most threads * 4 pages are in flight.
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli_flags.h"
#include "count_main.h"
#include "explain.h"
#include "newsclip/compress.h"
#include "newsclip/crawl_table.h"
#include "newsclip/dates.h"
#include "newsclip/pipeline.h"
#include "newsclip/reader.h"
#include "newsclip/version.h"
#include "newsclip/writer.h"
#include "shard.h"

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
  newsclip count [OPTIONS] INPUT...   map: count normalised lines per site (newsclip count --help)
  newsclip merge [OPTIONS] TABLE...   reduce: keep the lines repeated across the crawl (--help)

INPUT is a text file (one page), a folder (every file in it, recursively, in sorted order; the
page id is the path relative to the folder), a .jsonl file (one page per line: fields id, text,
url, crawl_date), a WARC file (.warc, .wet, .warc.wet.gz: each WET conversion record is a page,
other records are skipped and counted), or - for stdin. Any input may be gzip (also multi-member)
or zstd: it is recognised by its first bytes. -o FILE.gz and -o FILE.zst write compressed records.

Shards: --shard I/N (I from 0 to N-1) processes the files at positions i of the input list (the
inputs in the order given, each folder's files sorted by path) with i mod N = I, so the N shards
together process every file exactly once. In a Slurm job array SLURM_ARRAY_TASK_ID and
SLURM_ARRAY_TASK_COUNT give the shard when --shard is not given. With --output-dir DIR a shard
writes DIR/shard-I-of-N.jsonl.zst (renamed into place when complete), its rejects to
DIR/shard-I-of-N.rejects.jsonl, and last DIR/shard-I-of-N.done holding its stats; a rerun skips a
shard whose .done exists, unless --force.

Examples:
  newsclip corpus/ -o articles.jsonl
  newsclip --format jsonl --crawl-date 2024-05-01 - < dump.jsonl > articles.jsonl
  newsclip CC-MAIN-*.warc.wet.gz -o articles.jsonl.zst --stats stats.json
  sbatch --array=0-99 --wrap 'newsclip --output-dir out/ crawl/'    # 100 shards
  newsclip count --output-dir counts/ crawl/ && newsclip merge -o table.bin counts/ &&
    newsclip --boilerplate-table table.bin crawl/ -o articles.jsonl  # crawl-wide boilerplate
  newsclip explain page.txt

Each record: {"page", "url", "index", "count", "title", "authors", "published", "source",
"editors", "lang", "truncated", "text", "lines", "bytes", "removed"} (README.md, "Output").

Exit status: 0 done; 1 pages were rejected under --strict; 2 usage error (bad flag, bad rules
file); 3 the output could not be written.

Options)";

struct Stats {
  uint64_t read = 0, written = 0, rejected = 0, articles = 0, bytes_out = 0, invalid = 0;
  uint64_t bytes_in = 0;         // decompressed
  uint64_t stored_bytes_in = 0;  // as stored (compressed)
  uint64_t files = 0;
  std::map<std::string, uint64_t> rejected_by_reason;
  std::map<std::string, uint64_t> removed_by_rule;
  std::map<std::string, uint64_t> records_skipped;
  std::optional<newsclip::Shard> shard;
};

struct Item {
  bool is_page = false;
  newsclip::Page page;
  newsclip::Reject reject;
  std::string out;
  uint64_t articles = 0;
  uint64_t invalid = 0;
  std::map<std::string, uint64_t> removed;
  uint64_t bytes_read = 0;   // the reader's position after this item (decompressed), for progress
  uint64_t stored_read = 0;  // the same in the inputs as stored
};

std::string ReasonKind(const std::string& reason) {
  size_t colon = reason.find(':');
  return colon == std::string::npos ? reason : reason.substr(0, colon);
}

std::string StatsJson(const Stats& s, double seconds) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto counts = [&w](const std::map<std::string, uint64_t>& m) {
    w.StartObject();
    for (const auto& [k, v] : m) {
      w.Key(k.c_str());
      w.Uint64(v);
    }
    w.EndObject();
  };
  w.StartObject();
  w.Key("pages");
  w.StartObject();
  w.Key("read"); w.Uint64(s.read);
  w.Key("written"); w.Uint64(s.written);
  w.Key("rejected"); w.Uint64(s.rejected);
  w.Key("rejected_by_reason"); counts(s.rejected_by_reason);
  w.EndObject();
  w.Key("articles"); w.Uint64(s.articles);
  w.Key("lines_removed_by_rule"); counts(s.removed_by_rule);
  w.Key("records_skipped_by_type"); counts(s.records_skipped);
  w.Key("files"); w.Uint64(s.files);
  w.Key("bytes_in"); w.Uint64(s.bytes_in);
  w.Key("bytes_in_stored"); w.Uint64(s.stored_bytes_in);
  w.Key("bytes_out"); w.Uint64(s.bytes_out);
  w.Key("invalid_bytes_repaired"); w.Uint64(s.invalid);
  w.Key("wall_seconds"); w.Double(seconds);
  if (s.shard) {
    w.Key("shard");
    w.StartObject();
    w.Key("index"); w.Uint(s.shard->index);
    w.Key("count"); w.Uint(s.shard->count);
    w.EndObject();
  }
  w.EndObject();
  return std::string(buf.GetString()) + "\n";
}

void WriteStats(const std::string& path, const Stats& s, double seconds) {
  std::ofstream out(path);
  out << StatsJson(s, seconds);
  if (!out) throw newsclip::Error("cannot write stats file '" + path + "'");
}

// An output file (or stdout), compressed as its name says, written under a temporary name and
// renamed into place by Commit() when `atomic`.
class Output {
 public:
  Output(const std::string& path, bool atomic) : path_(path), atomic_(atomic) {
    std::ostream* sink = &std::cout;
    if (path_ != "-") {
      file_.open(atomic_ ? newsclip::TempName(path_) : path_, std::ios::binary | std::ios::trunc);
      if (!file_) throw newsclip::Error("cannot write output file '" + path_ + "'");
      sink = &file_;
    }
    stream_ = std::make_unique<newsclip::CompressingStream>(sink, newsclip::CompressionForName(path_));
  }
  ~Output() {
    if (atomic_ && !committed_) std::filesystem::remove(newsclip::TempName(path_), ignored_);
  }

  std::ostream& stream() { return *stream_; }

  // Ends the compressed stream, closes the file and, when atomic, renames it into place.
  void Commit() {
    bool ok = stream_->Close();
    if (file_.is_open()) {
      file_.close();
      ok = ok && !file_.fail();
    }
    if (!ok) throw newsclip::Error("cannot write output '" + path_ + "'");
    if (atomic_) {
      std::error_code ec;
      std::filesystem::rename(newsclip::TempName(path_), path_, ec);
      if (ec) throw newsclip::Error("cannot write output '" + path_ + "': " + ec.message());
    }
    committed_ = true;
  }

 private:
  std::string path_;
  bool atomic_;
  std::ofstream file_;
  std::unique_ptr<newsclip::CompressingStream> stream_;
  bool committed_ = false;
  std::error_code ignored_;
};

// One line of the rejects file.
std::string RejectJson(const newsclip::Reject& rj) {
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
  return std::string(buf.GetString()) + "\n";
}

// "file:line" for line-based inputs, "file record N at byte B" for WARC records.
std::string Where(const newsclip::Origin& o) {
  if (o.line) return o.file + ":" + std::to_string(o.line);
  if (o.record && (o.byte_offset || o.record > 1)) {
    return o.file + " record " + std::to_string(o.record) + " at byte " + std::to_string(o.byte_offset);
  }
  return o.file;
}

// Runs the ordered parallel pipeline over `reader`: records to `out`, rejects to `rejects` (may
// be null). False when --strict stopped it.
bool RunPipeline(newsclip::Reader* reader, const newsclip::Pipeline& pipeline, int threads, bool strict, bool quiet,
                 uint64_t stored_total, std::ostream* out, std::ostream* rejects, Stats* stats) {
  std::atomic<bool> stop{false};
  bool stopped = false;
  const auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  const bool progress = !quiet && isatty(STDERR_FILENO);
  uint64_t bytes_out = 0;

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
                                      item->bytes_read = reader->bytes_read();
                                      item->stored_read = reader->stored_bytes_read();
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
            if (stopped) return;  // pages read ahead of a --strict stop are not counted
            ++stats->read;
            if (item->is_page) {
              ++stats->written;
              stats->articles += item->articles;
              stats->invalid += item->invalid;
              bytes_out += item->out.size();
              for (const auto& [k, v] : item->removed) stats->removed_by_rule[k] += v;
              out->write(item->out.data(), static_cast<std::streamsize>(item->out.size()));
            } else {
              const newsclip::Reject& rj = item->reject;
              ++stats->rejected;
              ++stats->rejected_by_reason[ReasonKind(rj.reason)];
              if (!quiet) std::cerr << "newsclip: rejected " << Where(rj.origin) << " (page " << rj.id << "): " << rj.reason << "\n";
              if (rejects) *rejects << RejectJson(rj);
              if (strict) stop = stopped = true;
            }
            if (progress) {
              auto now = std::chrono::steady_clock::now();
              if (now - last_progress > std::chrono::milliseconds(500)) {
                last_progress = now;
                const double secs = std::chrono::duration<double>(now - start).count();
                const double mb = static_cast<double>(item->bytes_read) / 1e6;
                std::fprintf(stderr, "\rnewsclip: %llu pages, %.1f MB, %.1f MB/s", static_cast<unsigned long long>(stats->read),
                             mb, mb / secs);
                // The total is known as stored (compressed), so the ETA comes from that share.
                if (stored_total >= item->stored_read && item->stored_read > 0) {
                  const double done = static_cast<double>(item->stored_read) / static_cast<double>(stored_total);
                  std::fprintf(stderr, ", %.0f%% of %.1f MB, ETA %.0f s", 100 * done, static_cast<double>(stored_total) / 1e6,
                               secs * (1 - done) / done);
                }
                std::fputs("   ", stderr);
              }
            }
          }));
  if (progress) std::fputs("\r\033[K", stderr);
  stats->bytes_out = bytes_out;
  stats->bytes_in = reader->bytes_read();
  stats->stored_bytes_in = reader->stored_bytes_read();
  stats->records_skipped = reader->records_skipped();
  return !stopped;
}

int Run(const po::variables_map& vm, const std::vector<std::string>& inputs, bool explain) {
  newsclip::PipelineOptions popts;
  if (vm.count("rules")) popts.rules_files = vm["rules"].as<std::vector<std::string>>();
  std::optional<newsclip::BoilerplateTable> table;
  if (vm.count("boilerplate-table")) {
    table = newsclip::BoilerplateTable::Load(vm["boilerplate-table"].as<std::string>());
    popts.lines.repeated_lines = &*table;
  }
  const newsclip::ReaderOptions ropts = newsclip::ReaderOptionsFrom(vm);
  const bool strict = vm.count("strict") > 0;
  const bool quiet = vm.count("quiet") > 0;

  if (explain) {
    const newsclip::Pipeline pipeline(popts);
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

  // Which files, and where their records go.
  const std::optional<newsclip::Shard> shard = newsclip::ShardFrom(vm);
  std::vector<newsclip::InputFile> files = newsclip::ListInputs(inputs);
  if (shard) {
    for (const auto& f : files) {
      if (f.path == "-") throw po::error("--shard and Slurm array shards need files, not - (stdin)");
    }
    files = newsclip::ShardOf(files, shard->index, shard->count);
  }
  std::string output = vm["output"].as<std::string>();
  std::string rejects_path = vm.count("rejects") ? vm["rejects"].as<std::string>() : "";
  std::optional<newsclip::ShardFiles> shard_files;
  if (vm.count("output-dir")) {
    if (!vm["output"].defaulted()) throw po::error("-o and --output-dir exclude each other");
    const std::string dir = vm["output-dir"].as<std::string>();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw newsclip::Error("cannot write output folder '" + dir + "': " + ec.message());
    shard_files = newsclip::ShardFilesIn(dir, shard.value_or(newsclip::Shard{}));
    if (std::filesystem::exists(shard_files->done) && !vm.count("force")) {
      if (!quiet) std::cerr << "newsclip: " << shard_files->done << " exists: shard already done (--force runs it again)\n";
      return kExitOk;
    }
    std::filesystem::remove(shard_files->done, ec);
    output = shard_files->output;
    if (rejects_path.empty()) rejects_path = shard_files->rejects;
  }
  uint64_t stored_total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    const uintmax_t size = f.path == "-" ? 0 : std::filesystem::file_size(f.path, ec);
    if (!ec) stored_total += size;
  }

  const newsclip::Pipeline pipeline(popts);
  Output out(output, shard_files.has_value());
  std::optional<Output> rejects;
  if (!rejects_path.empty()) rejects.emplace(rejects_path, shard_files.has_value());

  int threads = vm["threads"].as<int>();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  Stats stats;
  stats.shard = shard;
  stats.files = files.size();
  auto reader = newsclip::OpenFiles(std::move(files), ropts);
  const auto start = std::chrono::steady_clock::now();
  const bool complete = RunPipeline(reader.get(), pipeline, threads, strict, quiet, stored_total, &out.stream(),
                                    rejects ? &rejects->stream() : nullptr, &stats);
  // An output folder keeps only complete shards: a --strict stop leaves no output behind.
  if (complete || !shard_files) {
    out.Commit();
    if (rejects) rejects->Commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (vm.count("stats")) WriteStats(vm["stats"].as<std::string>(), stats, seconds);
  if (shard_files && complete && !newsclip::WriteFileAtomically(shard_files->done, StatsJson(stats, seconds))) {
    throw newsclip::Error("cannot write '" + shard_files->done + "'");
  }
  if (!quiet) {
    std::fprintf(stderr, "newsclip: %llu pages read, %llu written, %llu rejected, %llu articles, %.1f MB in %.2f s (%.1f MB/s)\n",
                 static_cast<unsigned long long>(stats.read), static_cast<unsigned long long>(stats.written),
                 static_cast<unsigned long long>(stats.rejected), static_cast<unsigned long long>(stats.articles),
                 static_cast<double>(stats.bytes_in) / 1e6, seconds,
                 static_cast<double>(stats.bytes_in) / 1e6 / std::max(seconds, 1e-9));
  }
  return (strict && stats.rejected > 0) ? kExitRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "count") return newsclip::CountMain(argc - 1, argv + 1);
  if (argc > 1 && std::string_view(argv[1]) == "merge") return newsclip::MergeMain(argc - 1, argv + 1);
  po::options_description opts(kUsage);
  opts.add_options()
      ("help,h", "show this help")
      ("version", "print the version")
      ("output,o", po::value<std::string>()->default_value("-"), "write records to FILE (- = stdout; FILE.gz, FILE.zst compressed)");
  newsclip::AddReaderFlags(&opts);
  opts.add_options()
      ("rules", po::value<std::vector<std::string>>(), "rules file (data/rules.tsv format) added over the built-in rules; repeatable")
      ("boilerplate-table", po::value<std::string>(), "remove the lines of this table (newsclip merge) with rule repeated-line")
      ("threads,j", po::value<int>()->default_value(0), "worker threads (0 = all cores); output order never changes")
      ("stats", po::value<std::string>(), "write run statistics (JSON) to FILE")
      ("rejects", po::value<std::string>(), "write one JSON line per rejected page to FILE")
      ("shard", po::value<std::string>(), "process shard I/N of the input files (I from 0; default: the Slurm array task)")
      ("output-dir", po::value<std::string>(), "write DIR/shard-I-of-N.jsonl.zst, .rejects.jsonl and .done (instead of -o)")
      ("force", "with --output-dir: run a shard again even when its .done marker exists")
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
