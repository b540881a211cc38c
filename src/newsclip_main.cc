// newsclip command-line tool: turns flags into options, runs the pipeline over the inputs with an
// ordered parallel pipeline (oneTBB), writes records (plain, gzip or zstd by file name), rejects
// and stats, and runs one shard of the inputs into an output folder. All the work is in the
// library; this file only wires it.
//
// The pipeline has three filters: read (serial, in order: decompression and parsing of the input
// happen here), process (parallel: Pipeline::Process and the JSONL text of the records), write
// (serial, in order). The write filter sees pages in input order whatever the thread count, so the
// output is byte-identical for any --threads. Memory: at most threads * 4 pages are in flight.
//
// SIGINT and SIGTERM stop the read filter; the pages in flight are finished and written, and the
// outputs are left as PATH.partial with PATH.resume.json for --resume (output.h). A second signal
// kills at once. File outputs are renamed into place only when complete.
#include <rapidjson/document.h>
#include <signal.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <algorithm>
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
#include "output.h"
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

Interrupted: SIGINT (Ctrl-C) or SIGTERM stops reading, finishes and writes the pages in flight,
leaves FILE.partial and FILE.resume.json, and says how to go on: the same command with --resume
skips the pages done and completes FILE. A file output (-o FILE, --output-dir) appears under its
name only when complete. A second signal stops at once.

Exit status: 0 done; 1 pages were rejected under --strict; 2 usage error (bad flag, bad rules
file); 3 the output could not be written; 130 / 143 interrupted by SIGINT / SIGTERM.

Options)";

constexpr int kMaxUtf8Warnings = 20;  // per run; the total is in --stats

// The signal that asked the run to stop (0: none). Set by the handler, read by the read filter.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free atomic");

extern "C" void OnStopSignal(int signo) { g_stop_signal.store(signo); }

// SIGINT and SIGTERM ask the run to stop after the pages in flight; SA_RESETHAND makes a second
// one kill at once, SA_RESTART keeps reads from failing with EINTR (which would look like an end).
void InstallStopHandlers() {
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART | SA_RESETHAND;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// Offset of the first byte of `text` that the normalize stage replaces by U+FFFD (a byte that is not
// part of valid UTF-8, or NUL), npos when there is none.
size_t FirstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == 0) return i;
    size_t len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > text.size()) return i;
    const auto b1 = static_cast<unsigned char>(text[i + 1 < text.size() ? i + 1 : i]);
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

struct Stats {
  uint64_t read = 0, written = 0, rejected = 0, articles = 0, bytes_out = 0, invalid = 0;
  uint64_t bytes_in = 0;         // decompressed
  uint64_t stored_bytes_in = 0;  // as stored (compressed)
  uint64_t files = 0;
  std::map<std::string, uint64_t> rejected_by_reason;
  std::map<std::string, uint64_t> removed_by_rule;
  std::map<std::string, uint64_t> html_by_charset;  // HTML pages written, by the charset they were decoded from
  std::map<std::string, uint64_t> records_skipped;
  std::optional<newsclip::Shard> shard;
  int interrupted_by = 0;  // the signal that stopped the run, 0 when it was not interrupted
};

struct Item {
  bool is_page = false;
  newsclip::Page page;
  newsclip::Reject reject;
  std::string out;
  uint64_t articles = 0;
  uint64_t invalid = 0;         // bytes the pipeline repaired (invalid UTF-8 in the page text)
  uint64_t invalid_line = 0;    // the page line of the first invalid byte, 1-based (0: none)
  uint64_t reader_invalid = 0;  // bytes the reader repaired so that the record could be parsed
  std::map<std::string, uint64_t> removed;
  std::string charset;       // an HTML page's: what it was decoded from ("" for text pages)
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
  w.Key("html_by_charset"); counts(s.html_by_charset);
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
  if (s.interrupted_by) {
    w.Key("interrupted_by");
    w.String(s.interrupted_by == SIGINT ? "SIGINT" : s.interrupted_by == SIGTERM ? "SIGTERM" : "signal");
  }
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

// The counts of an interrupted run (its StatsJson), which a resumed run goes on from.
Stats StatsFromJson(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  Stats s;
  auto count = [](const rapidjson::Value& obj, const char* key) -> uint64_t {
    return obj.IsObject() && obj.HasMember(key) && obj[key].IsUint64() ? obj[key].GetUint64() : 0;
  };
  auto counts = [](const rapidjson::Value& obj, const char* key, std::map<std::string, uint64_t>* m) {
    if (!obj.IsObject() || !obj.HasMember(key) || !obj[key].IsObject()) return;
    for (const auto& kv : obj[key].GetObject()) {
      if (kv.value.IsUint64()) (*m)[kv.name.GetString()] = kv.value.GetUint64();
    }
  };
  if (!doc.IsObject()) return s;
  if (doc.HasMember("pages")) {
    const rapidjson::Value& pages = doc["pages"];
    s.read = count(pages, "read");
    s.written = count(pages, "written");
    s.rejected = count(pages, "rejected");
    counts(pages, "rejected_by_reason", &s.rejected_by_reason);
    counts(pages, "html_by_charset", &s.html_by_charset);
  }
  s.articles = count(doc, "articles");
  s.bytes_out = count(doc, "bytes_out");
  s.invalid = count(doc, "invalid_bytes_repaired");
  counts(doc, "lines_removed_by_rule", &s.removed_by_rule);
  return s;
}

void WriteStats(const std::string& path, const Stats& s, double seconds) {
  if (!newsclip::WriteFileAtomically(path, StatsJson(s, seconds))) {
    throw newsclip::Error("cannot write stats file '" + path + "'");
  }
}

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

enum class RunEnd { kComplete, kStrictStop, kInterrupted };

// Runs the ordered parallel pipeline over `reader`: records to `out`, rejects to `rejects` (may
// be null). The first `skip` reader results (pages done by an interrupted run) are read and
// dropped. Stops at the end of the input, at a reject under --strict, or at SIGINT/SIGTERM.
RunEnd RunPipeline(newsclip::Reader* reader, const newsclip::Pipeline& pipeline, int threads, bool strict, bool quiet,
                   uint64_t stored_total, uint64_t skip, std::ostream* out, std::ostream* rejects, Stats* stats) {
  std::atomic<bool> stop{false};
  bool stopped = false;
  bool interrupted = false;
  const auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  const bool progress = !quiet && isatty(STDERR_FILENO);
  uint64_t bytes_out = stats->bytes_out;
  int utf8_warnings = 0;

  {
    newsclip::Page page;
    newsclip::Reject reject;
    for (uint64_t i = 0; i < skip && g_stop_signal.load() == 0; ++i) {
      if (reader->Next(&page, &reject) == newsclip::ReadStatus::kEnd) {
        throw newsclip::Error("--resume: the inputs end before the " + std::to_string(skip) +
                              " pages the interrupted run did; they are not the same inputs");
      }
    }
  }
  uint64_t reader_invalid = reader->invalid_bytes_repaired();  // what the skipped pages needed is counted

  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> Item* {
                                      if (g_stop_signal.load() != 0) interrupted = true;
                                      if (stop.load() || interrupted) {
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
                                      const uint64_t repaired = reader->invalid_bytes_repaired();
                                      item->reader_invalid = repaired - reader_invalid;
                                      reader_invalid = repaired;
                                      return item.release();
                                    }) &
          tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel,
                                         [&](Item* item) -> Item* {
                                           if (!item->is_page) return item;
                                           // Where the first bad byte of a text page is, for the warning.
                                           if (item->page.format == newsclip::PageFormat::kText && !newsclip::IsCleanUtf8(item->page.text)) {
                                             const size_t bad = std::min(FirstInvalidUtf8(item->page.text), item->page.text.size());
                                             const std::string_view before(item->page.text.data(), bad);
                                             item->invalid_line = 1 + static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n'));
                                           }
                                           item->reject.id = item->page.id;  // for a warning: the page moves on
                                           item->reject.origin = item->page.origin;
                                           newsclip::PageResult r = pipeline.Process(std::move(item->page));
                                           newsclip::AppendJsonl(r, &item->out);
                                           item->articles = r.articles.size();
                                           item->invalid = r.invalid_bytes;
                                           item->charset = r.charset;
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
              stats->invalid += item->invalid + item->reader_invalid;
              if ((item->invalid > 0 || item->reader_invalid > 0) && !quiet && ++utf8_warnings <= kMaxUtf8Warnings) {
                std::cerr << "newsclip: warning: " << Where(item->reject.origin) << " (page " << item->reject.id << "): ";
                if (item->reader_invalid > 0) {
                  std::cerr << item->reader_invalid << " bytes of invalid UTF-8 or lone surrogate escapes in the JSON";
                } else if (!item->charset.empty()) {
                  std::cerr << item->invalid << " bytes of HTML that could not be decoded from " << item->charset;
                } else {
                  std::cerr << item->invalid << " bytes of invalid UTF-8 or NUL";
                  if (item->invalid_line > 0) std::cerr << " (the first on line " << item->invalid_line << " of the page)";
                }
                std::cerr << " replaced by U+FFFD\n";
                if (utf8_warnings == kMaxUtf8Warnings) {
                  std::cerr << "newsclip: warning: further pages with invalid UTF-8 are not listed; --stats counts them all\n";
                }
              }
              bytes_out += item->out.size();
              for (const auto& [k, v] : item->removed) stats->removed_by_rule[k] += v;
              if (!item->charset.empty()) ++stats->html_by_charset[item->charset];
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
  if (stopped) return RunEnd::kStrictStop;
  return interrupted ? RunEnd::kInterrupted : RunEnd::kComplete;
}

int Run(const po::variables_map& vm, const std::vector<std::string>& inputs, bool explain) {
  newsclip::PipelineOptions popts;
  if (vm.count("rules")) popts.rules_files = vm["rules"].as<std::vector<std::string>>();
  for (const std::string& file : popts.rules_files) {
    // Read as a stream, a folder gives no bytes and no error: it would pass as an empty rules file.
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw newsclip::Error("cannot read rules file '" + file + "': it is a folder");
  }
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

  // Going on from an interrupted run: skip the pages it did, count on from its counts.
  Stats stats;
  uint64_t skip = vm["skip-pages"].as<uint64_t>();
  const std::string inputs_id = newsclip::InputsFingerprint(files);
  const std::string state_path = newsclip::ResumeStateName(output);
  const bool resume = vm.count("resume") > 0;
  std::optional<newsclip::ResumeState> state = newsclip::ReadResumeState(state_path);
  if (resume) {
    if (output == "-") throw po::error("--resume needs -o FILE or --output-dir (with stdout, use --skip-pages N)");
    if (skip > 0) throw po::error("--resume and --skip-pages exclude each other");
    if (state && state->inputs != inputs_id) {
      throw newsclip::Error("--resume: the inputs are not those of the interrupted run (" + state->inputs + " then, " +
                            inputs_id + " now); delete '" + state_path + "' to start over");
    }
    if (state && !std::filesystem::exists(newsclip::PartialName(output))) {
      throw newsclip::Error("--resume: '" + newsclip::PartialName(output) + "' is missing; delete '" + state_path +
                            "' to start over");
    }
    if (state) {
      skip = state->pages_done;
      stats = StatsFromJson(state->stats_json);
      if (!quiet) std::cerr << "newsclip: resuming after page " << skip << " of the interrupted run\n";
    }
  } else if (state && !quiet) {
    std::cerr << "newsclip: '" << state_path << "' is from an interrupted run; this run starts over (--resume goes on from it)\n";
  }

  const newsclip::Pipeline pipeline(popts);
  newsclip::OutputFile out(output, resume && state);
  std::optional<newsclip::OutputFile> rejects;
  if (!rejects_path.empty()) rejects.emplace(rejects_path, resume && state);

  int threads = vm["threads"].as<int>();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  stats.shard = shard;
  stats.files = files.size();
  auto reader = newsclip::OpenFiles(std::move(files), ropts);
  const auto start = std::chrono::steady_clock::now();
  InstallStopHandlers();
  const RunEnd end = RunPipeline(reader.get(), pipeline, threads, strict, quiet, stored_total, skip, &out.stream(),
                                 rejects ? &rejects->stream() : nullptr, &stats);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  switch (end) {
    case RunEnd::kComplete:
      out.Commit();
      if (rejects) rejects->Commit();
      if (!state_path.empty()) std::filesystem::remove(state_path, ec);
      break;
    case RunEnd::kStrictStop:
      // A file output appears only when complete: the OutputFiles remove their temporary files.
      if (output == "-") out.Commit();
      break;
    case RunEnd::kInterrupted: {
      stats.interrupted_by = g_stop_signal.load();
      // The old state goes first: a crash before the new one is written then starts over.
      if (!state_path.empty()) std::filesystem::remove(state_path, ec);
      const std::string partial = out.Suspend();
      if (rejects) rejects->Suspend();
      newsclip::ResumeState next{stats.read, inputs_id, StatsJson(stats, seconds)};
      next.stats_json.pop_back();  // its newline
      if (!state_path.empty() && !newsclip::WriteResumeState(state_path, next)) {
        throw newsclip::Error("cannot write '" + state_path + "'");
      }
      const char* name = stats.interrupted_by == SIGTERM ? "SIGTERM" : "SIGINT";
      std::cerr << "newsclip: interrupted by " << name << " after " << stats.read << " pages (" << stats.written
                << " written, " << stats.rejected << " rejected)";
      if (output == "-") {
        std::cerr << "; their records are on stdout. To go on, run the same command with --skip-pages " << stats.read
                  << " and append its output.\n";
      } else {
        std::cerr << "; their records are in " << partial << ". To go on, run the same command with --resume.\n";
      }
      break;
    }
  }
  if (vm.count("stats")) WriteStats(vm["stats"].as<std::string>(), stats, seconds);
  if (shard_files && end == RunEnd::kComplete &&
      !newsclip::WriteFileAtomically(shard_files->done, StatsJson(stats, seconds))) {
    throw newsclip::Error("cannot write '" + shard_files->done + "'");
  }
  if (!quiet && end != RunEnd::kInterrupted) {
    std::fprintf(stderr, "newsclip: %llu pages read, %llu written, %llu rejected, %llu articles, %.1f MB in %.2f s (%.1f MB/s)\n",
                 static_cast<unsigned long long>(stats.read), static_cast<unsigned long long>(stats.written),
                 static_cast<unsigned long long>(stats.rejected), static_cast<unsigned long long>(stats.articles),
                 static_cast<double>(stats.bytes_in) / 1e6, seconds,
                 static_cast<double>(stats.bytes_in) / 1e6 / std::max(seconds, 1e-9));
  }
  if (end == RunEnd::kInterrupted) return 128 + stats.interrupted_by;
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
      ("resume", "go on from an interrupted run's FILE.partial (a normal run when there is none)")
      ("skip-pages", po::value<uint64_t>()->default_value(0), "skip the first N pages (and rejects) of the input, in order")
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
