// Shard specs and shard files. The assignment itself (file i goes to shard i mod N) is ShardOf in
// reader.cc; a round robin over the sorted list spreads the files of each folder over all shards,
// so that shards get similar amounts of work when file sizes follow the path order.
#include "shard.h"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace newsclip {

namespace {

// A whole decimal number, nothing else.
std::optional<uint64_t> ParseCount(std::string_view s) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Shard> ParseShard(std::string_view spec, std::string* error) {
  const size_t slash = spec.find('/');
  std::optional<uint64_t> index, count;
  if (slash != std::string_view::npos) {
    index = ParseCount(spec.substr(0, slash));
    count = ParseCount(spec.substr(slash + 1));
  }
  if (!index || !count) {
    *error = "--shard must be I/N (shard I of N, counted from 0), not '" + std::string(spec) + "'";
    return std::nullopt;
  }
  if (*count == 0 || *count > 1000000 || *index >= *count) {
    *error = "--shard " + std::string(spec) + ": I must be 0 to N-1 and N at least 1";
    return std::nullopt;
  }
  return Shard{static_cast<uint32_t>(*index), static_cast<uint32_t>(*count)};
}

std::optional<Shard> ShardFromSlurm(const char* task_id, const char* task_count, const char* task_min,
                                    const char* task_step, std::string* error) {
  if (task_id == nullptr || task_count == nullptr) return std::nullopt;
  std::optional<uint64_t> id = ParseCount(task_id), count = ParseCount(task_count);
  std::optional<uint64_t> min = task_min ? ParseCount(task_min) : std::optional<uint64_t>(0);
  std::optional<uint64_t> step = task_step ? ParseCount(task_step) : std::optional<uint64_t>(1);
  if (!id || !count || !min || !step || *step == 0 || *id < *min || (*id - *min) % *step != 0 ||
      (*id - *min) / *step >= *count) {
    *error = std::string("SLURM_ARRAY_TASK_ID=") + task_id + " and SLURM_ARRAY_TASK_COUNT=" + task_count +
             (task_min ? std::string(" (MIN=") + task_min + ")" : "") + " give no shard; use --shard I/N";
    return std::nullopt;
  }
  return Shard{static_cast<uint32_t>((*id - *min) / *step), static_cast<uint32_t>(*count)};
}

ShardFiles ShardFilesIn(const std::string& dir, const Shard& shard) {
  const std::string base =
      (std::filesystem::path(dir) / ("shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count)))
          .string();
  return {base + ".jsonl.zst", base + ".rejects.jsonl", base + ".done"};
}

std::string TempName(const std::string& path) { return path + ".tmp-" + std::to_string(getpid()); }

bool WriteFileAtomically(const std::string& path, std::string_view content) {
  const std::string tmp = TempName(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::remove(tmp.c_str());
  return !ec;
}

}  // namespace newsclip
