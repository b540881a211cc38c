// `newsclip count` and `newsclip merge`. count reads its shard with the readers and flags of the
// clean run and hashes each page's lines in parallel (oneTBB; the normalisation is the costly part),
// while one thread adds the keys to the counter. merge checks that a count folder holds every shard
// before it reduces them, so that a failed map task cannot silently give a table of part of a crawl.
#include "count_main.h"

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli_flags.h"
#include "newsclip/crawl_table.h"
#include "newsclip/reader.h"
#include "shard.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace newsclip {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

constexpr const char* kCountUsage = R"(newsclip count - the map of crawl-wide boilerplate: count normalised lines

Usage:
  newsclip count [OPTIONS] -o COUNTS.bin INPUT...
  newsclip count [OPTIONS] --output-dir DIR INPUT...     DIR/counts-I-of-N.bin and .done

Reads pages like the clean run (same inputs, formats and --shard I/N, or the Slurm array task) and
writes a count table: for each normalised line (NFKC, case and width folded, digits as 0,
without spaces, punctuation and symbols; lines of under 10 characters, a CJK character counting
2, are left out) and each site (the URL's host), the number of pages it appears on. With
--output-dir a rerun skips a shard whose .done marker exists, unless --force. Then:
  newsclip merge -o table.bin DIR       (the reduce), and
  newsclip --boilerplate-table table.bin INPUT...

Options)";

constexpr const char* kMergeUsage = R"(newsclip merge - the reduce of crawl-wide boilerplate: count tables -> boilerplate table

Usage:
  newsclip merge [OPTIONS] -o TABLE.bin INPUT...

An INPUT is a count table of newsclip count or a folder of them (counts-I-of-N.bin, which must
hold all N). The tables are merged k-way in bounded memory (a fixed buffer per input, several
passes when there are more than --fan-in inputs). A line is kept when it appears on at least
--min-pages pages and --min-sites sites, and on --min-pages-per-site pages per site on average: a
site's footer repeats on most of its pages, a story syndicated across sites once per site. With
--counts the merged count table is written instead, to be merged again later.

Options)";

struct Item {
  bool is_page = false;
  Page page;
  Reject reject;
  std::vector<uint64_t> keys;
  uint32_t site = 0;
};

// A usage error (exit 2) or a failure to write (exit 3), said once.
int Fail(const char* command, const std::exception& e, int code) {
  std::cerr << "newsclip " << command << ": " << e.what() << "\n";
  if (code == kExitUsage) std::cerr << "Try 'newsclip " << command << " --help'.\n";
  return code;
}

int CodeOf(const Error& e) { return std::string(e.what()).starts_with("cannot write") ? kExitIo : kExitUsage; }

int RunCount(const po::variables_map& vm, const std::vector<std::string>& inputs) {
  const ReaderOptions ropts = ReaderOptionsFrom(vm);
  const bool quiet = vm.count("quiet") > 0;
  const std::optional<Shard> shard = ShardFrom(vm);
  std::vector<InputFile> files = ListInputs(inputs);
  if (shard) {
    for (const auto& f : files) {
      if (f.path == "-") throw po::error("--shard and Slurm array shards need files, not - (stdin)");
    }
    files = ShardOf(files, shard->index, shard->count);
  }
  std::string output;
  std::string done;
  if (vm.count("output-dir")) {
    if (vm.count("output")) throw po::error("-o and --output-dir exclude each other");
    const std::string dir = vm["output-dir"].as<std::string>();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot write output folder '" + dir + "': " + ec.message());
    const Shard s = shard.value_or(Shard{});
    output = (fs::path(dir) / CountFileName(s.index, s.count)).string();
    done = (fs::path(dir) / CountDoneName(s.index, s.count)).string();
    if (fs::exists(done) && !vm.count("force")) {
      if (!quiet) std::cerr << "newsclip count: " << done << " exists: shard already done (--force runs it again)\n";
      return kExitOk;
    }
    fs::remove(done, ec);
  } else if (vm.count("output")) {
    output = vm["output"].as<std::string>();
  } else {
    throw po::error("no output: give -o COUNTS.bin or --output-dir DIR");
  }

  int threads = vm["threads"].as<int>();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  CounterOptions copts;
  copts.memory_bytes = vm["memory"].as<uint64_t>() << 20;
  copts.temp_dir = vm.count("temp-dir") ? vm["temp-dir"].as<std::string>() : fs::path(output).parent_path().string();
  if (copts.temp_dir.empty()) copts.temp_dir = ".";
  LineCounter counter(copts);
  const LineKeyer keyer;
  auto reader = OpenFiles(std::move(files), ropts);
  uint64_t read = 0, rejected = 0;
  const auto start = std::chrono::steady_clock::now();
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> Item* {
                                      auto item = std::make_unique<Item>();
                                      auto status = reader->Next(&item->page, &item->reject);
                                      if (status == ReadStatus::kEnd) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      item->is_page = status == ReadStatus::kPage;
                                      return item.release();
                                    }) &
          tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel,
                                         [&](Item* item) -> Item* {
                                           if (item->is_page) {
                                             item->keys = keyer.PageKeys(item->page.text);
                                             item->site = SiteKey(item->page.url);
                                           }
                                           return item;
                                         }) &
          tbb::make_filter<Item*, void>(tbb::filter_mode::serial_out_of_order, [&](Item* raw) {
            std::unique_ptr<Item> item(raw);
            ++read;
            if (item->is_page) {
              counter.AddPage(item->keys, item->site);
            } else {
              ++rejected;
              if (!quiet) std::cerr << "newsclip count: rejected " << item->reject.origin.file << " (page " << item->reject.id
                                    << "): " << item->reject.reason << "\n";
            }
          }));
  const uint64_t runs = counter.runs_spilled();
  counter.Finish(output);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!done.empty()) {
    const std::string stats = "{\"pages\": " + std::to_string(read) + ", \"rejected\": " + std::to_string(rejected) +
                              ", \"bytes_in\": " + std::to_string(reader->bytes_read()) +
                              ", \"wall_seconds\": " + std::to_string(seconds) + "}\n";
    if (!WriteFileAtomically(done, stats)) throw Error("cannot write '" + done + "'");
  }
  if (!quiet) {
    std::fprintf(stderr, "newsclip count: %llu pages read, %llu rejected, %.1f MB in %.2f s, %llu sorted runs spilled -> %s\n",
                 static_cast<unsigned long long>(read), static_cast<unsigned long long>(rejected),
                 static_cast<double>(reader->bytes_read()) / 1e6, seconds, static_cast<unsigned long long>(runs),
                 output.c_str());
  }
  return kExitOk;
}

int RunMerge(const po::variables_map& vm, const std::vector<std::string>& inputs) {
  if (!vm.count("output")) throw po::error("no output: give -o TABLE.bin");
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (fs::is_directory(input)) {
      for (std::string& f : CountFilesIn(input)) files.push_back(std::move(f));
    } else {
      files.push_back(input);
    }
  }
  MergeOptions mopts;
  mopts.min_pages = vm["min-pages"].as<uint32_t>();
  mopts.min_sites = vm["min-sites"].as<uint32_t>();
  mopts.min_pages_per_site = vm["min-pages-per-site"].as<double>();
  mopts.fan_in = vm["fan-in"].as<uint32_t>();
  if (mopts.fan_in < 2) throw po::error("--fan-in must be at least 2");
  if (vm.count("temp-dir")) mopts.temp_dir = vm["temp-dir"].as<std::string>();
  mopts.counts_only = vm.count("counts") > 0;
  const std::string output = vm["output"].as<std::string>();
  const auto start = std::chrono::steady_clock::now();
  const MergeStats stats = MergeCounts(files, output, mopts);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!vm.count("quiet")) {
    std::fprintf(stderr, "newsclip merge: %llu tables, %llu records, %llu distinct lines, %llu %s in %u pass%s, %.2f s -> %s\n",
                 static_cast<unsigned long long>(stats.inputs), static_cast<unsigned long long>(stats.records_in),
                 static_cast<unsigned long long>(stats.lines), static_cast<unsigned long long>(stats.kept),
                 mopts.counts_only ? "records written" : "lines kept", stats.passes, stats.passes == 1 ? "" : "es",
                 seconds, output.c_str());
  }
  return kExitOk;
}

// Parses argv (argv[0] is the command) against `opts` with INPUT... positional; fills *inputs.
bool Parse(int argc, char** argv, const po::options_description& opts, po::variables_map* vm,
           std::vector<std::string>* inputs) {
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "inputs");
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), *vm);
  po::notify(*vm);
  if (vm->count("help")) {
    std::cout << opts << "\n";
    return false;
  }
  if (vm->count("input")) *inputs = (*vm)["input"].as<std::vector<std::string>>();
  if (inputs->empty()) throw po::error("no INPUT given");
  return true;
}

}  // namespace

int CountMain(int argc, char** argv) {
  po::options_description opts(kCountUsage);
  opts.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(), "write the count table to FILE")
      ("output-dir", po::value<std::string>(), "write DIR/counts-I-of-N.bin and DIR/counts-I-of-N.done (instead of -o)")
      ("force", "with --output-dir: count a shard again even when its .done marker exists");
  AddShardFlag(&opts);
  AddReaderFlags(&opts);
  opts.add_options()
      ("memory", po::value<uint64_t>()->default_value(512), "MiB of counts held before a sorted run is spilled to disk")
      ("temp-dir", po::value<std::string>(), "folder for spilled runs (default: the output's folder)")
      ("threads,j", po::value<int>()->default_value(0), "worker threads (0 = all cores)")
      ("quiet,q", "no summary or warnings on stderr");
  try {
    po::variables_map vm;
    std::vector<std::string> inputs;
    if (!Parse(argc, argv, opts, &vm, &inputs)) return kExitOk;
    return RunCount(vm, inputs);
  } catch (const po::error& e) {
    return Fail("count", e, kExitUsage);
  } catch (const Error& e) {
    return Fail("count", e, CodeOf(e));
  }
}

int MergeMain(int argc, char** argv) {
  po::options_description opts(kMergeUsage);
  opts.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(), "write the boilerplate table to FILE (through a temporary name)")
      ("min-pages", po::value<uint32_t>()->default_value(10), "keep lines on at least N pages")
      ("min-sites", po::value<uint32_t>()->default_value(1), "keep lines on at least N sites")
      ("min-pages-per-site", po::value<double>()->default_value(2.0), "keep lines on at least R pages per site on average")
      ("counts", "write the merged count table (a partial reduce) instead of the boilerplate table")
      ("fan-in", po::value<uint32_t>()->default_value(64), "tables merged at once; more take several passes")
      ("temp-dir", po::value<std::string>(), "folder for intermediate passes (default: the output's folder)")
      ("quiet,q", "no summary on stderr");
  try {
    po::variables_map vm;
    std::vector<std::string> inputs;
    if (!Parse(argc, argv, opts, &vm, &inputs)) return kExitOk;
    return RunMerge(vm, inputs);
  } catch (const po::error& e) {
    return Fail("merge", e, kExitUsage);
  } catch (const Error& e) {
    return Fail("merge", e, CodeOf(e));
  }
}

}  // namespace newsclip
