// Internal to the CLI: which shard of the input a run processes, and where a shard's output goes.
//
// A run over N shards processes shard I (0 <= I < N): the files at positions i of the input list
// (reader.h ListInputs: inputs in the order given, a folder's files sorted by path) with
// i % N == I (ShardOf). The shard comes from --shard I/N or, in a Slurm job array, from
// SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (with _MIN and _STEP when the array does not count
// 0, 1, 2...). With --output-dir DIR the shard writes DIR/shard-I-of-N.jsonl.zst under a temporary
// name, renames it when it is complete, and then writes DIR/shard-I-of-N.done (its stats JSON),
// which makes a rerun skip it.
//
//   std::string error;
//   std::optional<newsclip::Shard> shard = newsclip::ParseShard("3/16", &error);
//   newsclip::ShardFiles files = newsclip::ShardFilesIn("out", *shard);   // out/shard-3-of-16.*
#ifndef NEWSCLIP_SRC_SHARD_H_
#define NEWSCLIP_SRC_SHARD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsclip {

struct Shard {
  uint32_t index = 0;  // 0-based
  uint32_t count = 1;
};

// "I/N" with 0 <= I < N. nullopt with *error saying why otherwise.
std::optional<Shard> ParseShard(std::string_view spec, std::string* error);

// The shard of a Slurm array task: (ID - MIN) / STEP of COUNT tasks; MIN defaults to 0 and STEP
// to 1 when unset. nullopt when ID or COUNT is unset (nullptr); *error when they make no shard.
std::optional<Shard> ShardFromSlurm(const char* task_id, const char* task_count, const char* task_min,
                                    const char* task_step, std::string* error);

// The files of one shard in an output folder.
struct ShardFiles {
  std::string output;   // DIR/shard-I-of-N.jsonl.zst
  std::string rejects;  // DIR/shard-I-of-N.rejects.jsonl
  std::string done;     // DIR/shard-I-of-N.done: the stats JSON, written last
};
ShardFiles ShardFilesIn(const std::string& dir, const Shard& shard);

// The temporary name `path` is written under until it is complete.
std::string TempName(const std::string& path);

// Writes `content` to `path` through TempName(path) and a rename, so that `path` is either absent
// or complete. False when it could not be written.
bool WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace newsclip

#endif  // NEWSCLIP_SRC_SHARD_H_
