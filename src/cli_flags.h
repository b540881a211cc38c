// Internal to the CLI: the flags that every command reading pages shares (the clean run and
// `newsclip count`): input format and JSONL field names, crawl date, page size limit, and the shard
// (--shard I/N, else the Slurm array task). Flags stay in the CLI; the library gets option structs.
//
//   po::options_description opts;
//   newsclip::AddReaderFlags(&opts);
//   ... po::store(...) ...
//   newsclip::ReaderOptions ropts = newsclip::ReaderOptionsFrom(vm);   // throws po::error
#ifndef NEWSCLIP_SRC_CLI_FLAGS_H_
#define NEWSCLIP_SRC_CLI_FLAGS_H_

#include <boost/program_options.hpp>
#include <optional>

#include "newsclip/reader.h"
#include "shard.h"

namespace newsclip {

// --format, --id-field, --text-field, --url-field, --crawl-date-field, --crawl-date, --max-page-bytes.
void AddReaderFlags(boost::program_options::options_description* opts);

// The reader options those flags give. Throws boost::program_options::error on a bad value.
ReaderOptions ReaderOptionsFrom(const boost::program_options::variables_map& vm);

// --shard I/N.
void AddShardFlag(boost::program_options::options_description* opts);

// The shard a run processes: --shard, else the Slurm array task (SLURM_ARRAY_TASK_ID, _COUNT, _MIN,
// _STEP), else none. Throws boost::program_options::error when they give no valid shard.
std::optional<Shard> ShardFrom(const boost::program_options::variables_map& vm);

}  // namespace newsclip

#endif  // NEWSCLIP_SRC_CLI_FLAGS_H_
